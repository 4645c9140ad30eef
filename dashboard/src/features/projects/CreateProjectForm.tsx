import { useState, type FormEvent } from 'react';
import { useNavigate } from 'react-router';
import { validateProjectName } from '@rested/shared';
import { ErrorAlert } from '../../components/ErrorAlert';
import { formLevelError, serverFieldError } from '../../lib/form-errors';
import { OriginsField, originProblems, parseOrigins } from './OriginsField';
import { ProjectNameField } from './ProjectNameField';
import { useCreateProject } from './use-projects';

export function CreateProjectForm({ autoFocus = false }: { autoFocus?: boolean }) {
  const [name, setName] = useState('');
  const [origins, setOrigins] = useState('');
  const [submitted, setSubmitted] = useState(false);
  const create = useCreateProject();
  const navigate = useNavigate();

  const edit = (set: (v: string) => void) => (value: string) => {
    set(value);
    if (create.isError) create.reset();
  };

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    setSubmitted(true);
    if (validateProjectName(name) || originProblems(origins).length > 0) return;
    create.mutate(
      { name, allowedOrigins: parseOrigins(origins) },
      { onSuccess: (project) => navigate(`/projects/${encodeURIComponent(project.id)}`) },
    );
  };

  return (
    <form className="stack" onSubmit={onSubmit} noValidate aria-labelledby="create-project-title">
      <h2 id="create-project-title" className="card__title">
        Create a project
      </h2>
      <ErrorAlert error={formLevelError(create.error, ['name', 'allowedOrigins'])} />
      <ProjectNameField
        value={name}
        onChange={edit(setName)}
        showErrors={submitted}
        serverError={serverFieldError(create.error, 'name')}
        autoFocus={autoFocus}
      />
      <OriginsField value={origins} onChange={edit(setOrigins)} serverError={serverFieldError(create.error, 'allowedOrigins')} />
      <div className="actions">
        <button type="submit" className="btn btn--primary" disabled={create.isPending}>
          {create.isPending ? 'Creating…' : 'Create project'}
        </button>
      </div>
    </form>
  );
}
