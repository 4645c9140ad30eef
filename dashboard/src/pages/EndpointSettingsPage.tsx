import { useState } from 'react';
import { useNavigate } from 'react-router';
import { DeleteEndpointDialog } from '../features/endpoints/DeleteEndpointDialog';
import { EndpointForm } from '../features/endpoints/EndpointForm';
import { IndexesPanel } from '../features/endpoints/IndexesPanel';
import { useEndpoints, useUpdateEndpoint } from '../features/endpoints/use-endpoints';
import { SavedNote } from '../features/settings/SavedNote';
import { useEndpointContext } from '../lib/outlet-context';
import { useDocumentTitle } from '../lib/use-document-title';

export function EndpointSettingsPage() {
  const { project, endpoint } = useEndpointContext();
  const siblings = useEndpoints(project.id);
  const update = useUpdateEndpoint(project.id, endpoint.id);
  const [deleting, setDeleting] = useState(false);
  const navigate = useNavigate();
  useDocumentTitle(`${endpoint.name} · Settings`);
  const takenNames = (siblings.data ?? []).filter((e) => e.id !== endpoint.id).map((e) => e.name);

  return (
    <div className="settings">
      <section className="card stack" aria-labelledby="edit-endpoint-title">
        <div className="card__head">
          <h2 id="edit-endpoint-title" className="card__title">
            Edit endpoint
          </h2>
          <SavedNote show={update.isSuccess} />
        </div>
        <EndpointForm
          key={endpoint.id}
          initial={endpoint}
          takenNames={takenNames}
          submitLabel="Save endpoint"
          pendingLabel="Saving…"
          pending={update.isPending}
          error={update.error}
          onChange={() => !update.isIdle && update.reset()}
          onSubmit={(input) => update.mutate(input)}
        />
      </section>
      <IndexesPanel projectId={project.id} endpoint={endpoint} />
      <section className="card card--danger stack" aria-labelledby="delete-endpoint-title">
        <h2 id="delete-endpoint-title" className="card__title">
          Delete endpoint
        </h2>
        <p className="card__intro">Deletes the endpoint and all its {endpoint.auth ? 'users and sessions' : 'records'}.</p>
        <div className="actions">
          <button type="button" className="btn btn--danger" onClick={() => setDeleting(true)}>
            Delete endpoint
          </button>
        </div>
      </section>
      <DeleteEndpointDialog
        projectId={project.id}
        endpoint={deleting ? endpoint : null}
        onClose={() => setDeleting(false)}
        onDeleted={() => navigate(`/projects/${encodeURIComponent(project.id)}`, { replace: true })}
      />
    </div>
  );
}
