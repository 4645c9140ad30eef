import { Link } from 'react-router';
import type { Project } from '@rested/shared';
import { Badge } from '../../components/Badge';
import { formatDate } from '../../lib/format';

export function ProjectList({ projects }: { projects: Project[] }) {
  return (
    <ul className="tiles" aria-label="Your projects">
      {projects.map((project) => (
        <li key={project.id} className="tile">
          <Link to={`/projects/${encodeURIComponent(project.id)}`} className="tile__link">
            <span className="tile__title">{project.name}</span>
          </Link>
          <div className="tile__meta">
            <span>Created {formatDate(project.createdAt)}</span>
          </div>
          <div className="tile__badges">
            <Badge tone={project.allowedOrigins.length ? 'secure' : 'neutral'}>
              {project.allowedOrigins.length
                ? `${project.allowedOrigins.length} allowed origin${project.allowedOrigins.length === 1 ? '' : 's'}`
                : 'any origin'}
            </Badge>
            {project.hasMasterKey ? <Badge tone="warn">master key</Badge> : null}
          </div>
        </li>
      ))}
    </ul>
  );
}
