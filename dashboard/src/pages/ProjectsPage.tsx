import { ErrorAlert } from '../components/ErrorAlert';
import { EmptyState, Loading } from '../components/Status';
import { CreateProjectForm } from '../features/projects/CreateProjectForm';
import { ProjectList } from '../features/projects/ProjectList';
import { useProjects } from '../features/projects/use-projects';
import { useDocumentTitle } from '../lib/use-document-title';

export function ProjectsPage() {
  const projects = useProjects();
  useDocumentTitle('Projects');
  return (
    <div className="page">
      <header className="page__header">
        <div>
          <h1 className="page__title">Projects</h1>
          <p className="page__subtitle">Each project has its own API key, endpoints, users and origin rules.</p>
        </div>
      </header>
      <div className="split">
        <section aria-label="Project list" className="split__main">
          {projects.isPending ? <Loading label="Loading projects…" /> : null}
          {projects.isError ? <ErrorAlert error={projects.error} onRetry={() => void projects.refetch()} /> : null}
          {projects.data && projects.data.length === 0 ? (
            <EmptyState title="No projects yet">
              <p>Create your first project with the form. You will get an API key to call its endpoints.</p>
            </EmptyState>
          ) : null}
          {projects.data && projects.data.length > 0 ? <ProjectList projects={projects.data} /> : null}
        </section>
        <section className="card split__side">
          <CreateProjectForm autoFocus={projects.data?.length === 0} />
        </section>
      </div>
    </div>
  );
}
