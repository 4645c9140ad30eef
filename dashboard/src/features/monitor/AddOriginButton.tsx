import type { Project } from '@rested/shared';
import { useUpdateProject } from '../projects/use-projects';

/** Adds the refused origin to the project's allowed origins, in one click. */
export function AddOriginButton({ project, origin }: { project: Project; origin: string }) {
  const update = useUpdateProject(project.id);
  if (project.allowedOrigins.includes(origin)) return <span className="muted">{origin} is allowed now.</span>;
  return (
    <>
      <button
        type="button"
        className="btn btn--small"
        disabled={update.isPending}
        onClick={() => update.mutate({ allowedOrigins: [...project.allowedOrigins, origin] })}
      >
        Allow {origin}
      </button>
      {update.isError ? <span role="alert" className="field__error">Could not add it: {update.error.message}</span> : null}
    </>
  );
}
