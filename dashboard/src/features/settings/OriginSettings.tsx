import { useState, type FormEvent } from 'react';
import type { Project } from '@rested/shared';
import { ErrorAlert } from '../../components/ErrorAlert';
import { CheckboxField } from '../../components/Field';
import { formLevelError, serverFieldError } from '../../lib/form-errors';
import { OriginsField, originProblems, parseOrigins } from '../projects/OriginsField';
import { useUpdateProject } from '../projects/use-projects';
import { SavedNote } from './SavedNote';

export function OriginSettings({ project }: { project: Project }) {
  const [origins, setOrigins] = useState(project.allowedOrigins.join('\n'));
  const [disallowNoOrigin, setDisallowNoOrigin] = useState(project.disallowNoOrigin);
  const update = useUpdateProject(project.id);
  const touch = () => {
    if (!update.isIdle) update.reset();
  };
  const dirty =
    parseOrigins(origins).join('\n') !== project.allowedOrigins.join('\n') ||
    disallowNoOrigin !== project.disallowNoOrigin;

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    if (originProblems(origins).length > 0) return;
    update.mutate(
      { allowedOrigins: parseOrigins(origins), disallowNoOrigin },
      { onSuccess: (saved) => setOrigins(saved.allowedOrigins.join('\n')) },
    );
  };

  return (
    <form className="card stack" onSubmit={onSubmit} noValidate aria-labelledby="origins-title">
      <h2 id="origins-title" className="card__title">
        Origins
      </h2>
      <p className="card__intro">Which web apps may call this project&apos;s endpoints from a browser.</p>
      <ErrorAlert error={formLevelError(update.error, ['allowedOrigins', 'disallowNoOrigin'])} />
      <OriginsField
        value={origins}
        onChange={(v) => {
          setOrigins(v);
          touch();
        }}
        serverError={serverFieldError(update.error, 'allowedOrigins')}
      />
      <CheckboxField
        label="Disallow no origin"
        hint="Reject requests that carry no Origin header (curl, servers, mobile apps) unless they use the master key."
        checked={disallowNoOrigin}
        onChange={(e) => {
          setDisallowNoOrigin(e.target.checked);
          touch();
        }}
      />
      <div className="actions">
        <button type="submit" className="btn btn--primary" disabled={update.isPending || !dirty}>
          {update.isPending ? 'Saving…' : 'Save origins'}
        </button>
        <SavedNote show={update.isSuccess} />
      </div>
    </form>
  );
}
