import { useState, type FormEvent } from 'react';
import { validateProjectName, type Project } from '@rested/shared';
import { ErrorAlert } from '../../components/ErrorAlert';
import { splitTtl, ttlSeconds } from '../../lib/format';
import { formLevelError, serverFieldError } from '../../lib/form-errors';
import { ProjectNameField } from '../projects/ProjectNameField';
import { useUpdateProject } from '../projects/use-projects';
import { SavedNote } from './SavedNote';
import { TtlField, ttlProblem, type TtlValue } from './TtlField';

export function GeneralSettings({ project }: { project: Project }) {
  const [name, setName] = useState(project.name);
  const [ttl, setTtl] = useState<TtlValue>(() => splitTtl(project.tokenTtlSeconds));
  const update = useUpdateProject(project.id);

  const touch = () => {
    if (!update.isIdle) update.reset();
  };
  const dirty = name !== project.name || ttlSeconds(ttl.value, ttl.unit) !== project.tokenTtlSeconds;

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    if (validateProjectName(name) || ttlProblem(ttl)) return;
    update.mutate({ name, tokenTtlSeconds: ttlSeconds(ttl.value, ttl.unit) });
  };

  return (
    <form className="card stack" onSubmit={onSubmit} noValidate aria-labelledby="general-title">
      <h2 id="general-title" className="card__title">
        General
      </h2>
      <ErrorAlert error={formLevelError(update.error, ['name', 'tokenTtlSeconds'])} />
      <ProjectNameField
        value={name}
        onChange={(v) => {
          setName(v);
          touch();
        }}
        showErrors
        serverError={serverFieldError(update.error, 'name')}
      />
      <TtlField
        value={ttl}
        onChange={(v) => {
          setTtl(v);
          touch();
        }}
        serverError={serverFieldError(update.error, 'tokenTtlSeconds')}
      />
      <div className="actions">
        <button type="submit" className="btn btn--primary" disabled={update.isPending || !dirty}>
          {update.isPending ? 'Saving…' : 'Save general settings'}
        </button>
        <SavedNote show={update.isSuccess} />
      </div>
    </form>
  );
}
