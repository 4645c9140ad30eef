import { useNavigate } from 'react-router';
import { EndpointForm } from './EndpointForm';
import { useCreateEndpoint } from './use-endpoints';

interface CreateEndpointPanelProps {
  projectId: string;
  takenNames: readonly string[];
  onCancel?: () => void;
}

export function CreateEndpointPanel({ projectId, takenNames, onCancel }: CreateEndpointPanelProps) {
  const create = useCreateEndpoint(projectId);
  const navigate = useNavigate();
  return (
    <section className="card stack" aria-labelledby="new-endpoint-title">
      <div className="card__head">
        <h2 id="new-endpoint-title" className="card__title">
          New endpoint
        </h2>
        {onCancel ? (
          <button type="button" className="btn btn--ghost btn--small" onClick={onCancel}>
            Cancel
          </button>
        ) : null}
      </div>
      <EndpointForm
        takenNames={takenNames}
        submitLabel="Create endpoint"
        pendingLabel="Creating…"
        pending={create.isPending}
        error={create.error}
        onChange={() => create.isError && create.reset()}
        onSubmit={(input) =>
          create.mutate(input, {
            onSuccess: (endpoint) =>
              navigate(`/projects/${encodeURIComponent(projectId)}/endpoints/${encodeURIComponent(endpoint.id)}/use`),
          })
        }
        autoFocus
      />
    </section>
  );
}
