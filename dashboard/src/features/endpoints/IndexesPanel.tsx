import { useState, type FormEvent } from 'react';
import { QUERY_LIMITS, validateIndexField, type Endpoint } from '@rested/shared';
import { ErrorAlert } from '../../components/ErrorAlert';
import { SavedNote } from '../settings/SavedNote';
import { useUpdateEndpoint } from './use-endpoints';

/**
 * Endpoint settings → Indexes: the data fields the database indexes for `where` and `sort`
 * (docs/querying.md). Adding or removing one saves the whole list at once.
 */
export function IndexesPanel({ projectId, endpoint }: { projectId: string; endpoint: Endpoint }) {
  const update = useUpdateEndpoint(projectId, endpoint.id);
  const [field, setField] = useState('data.');
  const [problem, setProblem] = useState<string | null>(null);
  const save = (indexes: string[]) => update.mutate({ indexes });

  const add = (event: FormEvent) => {
    event.preventDefault();
    const name = field.trim();
    const invalid = validateIndexField(name);
    if (invalid) return setProblem(invalid);
    if (endpoint.indexes.includes(name)) return setProblem(`${name} is indexed already.`);
    setProblem(null);
    save([...endpoint.indexes, name]);
    setField('data.');
  };
  const full = endpoint.indexes.length >= QUERY_LIMITS.maxIndexes;

  return (
    <section className="card stack" aria-labelledby="indexes-title">
      <div className="card__head">
        <h2 id="indexes-title" className="card__title">
          Indexes
        </h2>
        <SavedNote show={update.isSuccess} />
      </div>
      <p className="card__intro">
        Filters (<code>where</code>) and sorts on a field without an index are offered up to {QUERY_LIMITS.scanMax.toLocaleString('en-US')}{' '}
        {endpoint.auth ? 'users' : 'records'}. Index the fields you filter or sort a larger endpoint by (at most {QUERY_LIMITS.maxIndexes}); building
        one reads every {endpoint.auth ? 'user' : 'record'} once.
      </p>
      <ErrorAlert error={update.error} />
      {endpoint.indexes.length > 0 ? (
        <ul className="index-list stack" aria-label="Indexed fields">
          {endpoint.indexes.map((name) => (
            <li key={name} className="toolbar">
              <code>{name}</code>
              <button type="button" className="btn btn--small" disabled={update.isPending} onClick={() => save(endpoint.indexes.filter((i) => i !== name))}>
                Remove
              </button>
            </li>
          ))}
        </ul>
      ) : (
        <p className="note">No indexes yet.</p>
      )}
      <form className="toolbar" onSubmit={add} noValidate>
        <label className="toolbar__label">
          Field
          <input
            className="input input--mono"
            value={field}
            onChange={(e) => setField(e.target.value)}
            aria-invalid={problem ? true : undefined}
            aria-describedby={problem ? 'index-problem' : undefined}
            disabled={full}
          />
        </label>
        <button type="submit" className="btn btn--small" disabled={update.isPending || full}>
          {update.isPending ? 'Saving…' : 'Add index'}
        </button>
      </form>
      {problem ? (
        <p id="index-problem" className="field__error">
          {problem}
        </p>
      ) : null}
    </section>
  );
}
