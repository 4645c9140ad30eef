import { Link } from 'react-router';
import type { Endpoint } from '@rested/shared';
import { plural } from '../../lib/format';
import { KindBadges } from './KindBadges';

interface EndpointListProps {
  projectId: string;
  endpoints: Endpoint[];
  onDelete: (endpoint: Endpoint) => void;
}

export function EndpointList({ projectId, endpoints, onDelete }: EndpointListProps) {
  const base = `/projects/${encodeURIComponent(projectId)}/endpoints`;
  const sorted = [...endpoints].sort((a, b) => a.name.localeCompare(b.name));
  return (
    <ul className="rows" aria-label="Endpoints">
      {sorted.map((endpoint) => {
        const path = `${base}/${encodeURIComponent(endpoint.id)}`;
        return (
          <li key={endpoint.id} className="row" data-testid="endpoint-row">
            <div className="row__main">
              <Link to={path} className="row__title mono">
                {endpoint.name}
              </Link>
              <KindBadges endpoint={endpoint} />
              {endpoint.description ? <p className="row__desc">{endpoint.description}</p> : null}
            </div>
            <div className="row__count" data-testid="record-count">
              {endpoint.auth ? plural(endpoint.recordCount, 'user') : plural(endpoint.recordCount, 'record')}
            </div>
            <div className="row__actions">
              <Link to={`${path}/settings`} className="btn btn--small" aria-label={`Edit endpoint ${endpoint.name}`}>
                Edit
              </Link>
              <button
                type="button"
                className="btn btn--small btn--danger-ghost"
                onClick={() => onDelete(endpoint)}
                aria-label={`Delete endpoint ${endpoint.name}`}
              >
                Delete
              </button>
            </div>
          </li>
        );
      })}
    </ul>
  );
}
