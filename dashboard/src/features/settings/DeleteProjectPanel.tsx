import { useState } from 'react';
import { useNavigate } from 'react-router';
import type { Project } from '@rested/shared';
import { ConfirmDialog } from '../../components/ConfirmDialog';
import { useDeleteProject } from '../projects/use-projects';

export function DeleteProjectPanel({ project }: { project: Project }) {
  const [confirming, setConfirming] = useState(false);
  const remove = useDeleteProject(project.id);
  const navigate = useNavigate();
  const close = () => {
    setConfirming(false);
    remove.reset();
  };
  return (
    <section className="card card--danger stack" aria-labelledby="delete-project-title">
      <h2 id="delete-project-title" className="card__title">
        Delete project
      </h2>
      <p className="card__intro">Deletes the project with all its endpoints, records, users and sessions.</p>
      <div className="actions">
        <button type="button" className="btn btn--danger" onClick={() => setConfirming(true)}>
          Delete project
        </button>
      </div>
      <ConfirmDialog
        open={confirming}
        title={`Delete project ${project.name}?`}
        confirmLabel="Delete this project"
        danger
        typeToConfirm={project.name}
        pending={remove.isPending}
        error={remove.error}
        onCancel={close}
        onConfirm={() => remove.mutate(undefined, { onSuccess: () => navigate('/projects', { replace: true }) })}
      >
        <p>
          Every endpoint, record, user and session of <strong>{project.name}</strong> is deleted, and its API key stops
          working. This cannot be undone.
        </p>
      </ConfirmDialog>
    </section>
  );
}
