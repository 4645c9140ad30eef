import { useState } from 'react';
import type { Endpoint } from '@rested/shared';
import { ErrorAlert } from '../components/ErrorAlert';
import { EmptyState, Loading } from '../components/Status';
import { CreateEndpointPanel } from '../features/endpoints/CreateEndpointPanel';
import { DeleteEndpointDialog } from '../features/endpoints/DeleteEndpointDialog';
import { EndpointList } from '../features/endpoints/EndpointList';
import { useEndpoints } from '../features/endpoints/use-endpoints';
import { useDocumentTitle } from '../lib/use-document-title';
import { useProjectContext } from '../lib/outlet-context';

export function EndpointsPage() {
  const { project } = useProjectContext();
  const endpoints = useEndpoints(project.id);
  const [creating, setCreating] = useState(false);
  const [deleting, setDeleting] = useState<Endpoint | null>(null);
  useDocumentTitle(`${project.name} · Endpoints`);

  const list = endpoints.data ?? [];
  const showForm = creating || (endpoints.isSuccess && list.length === 0);
  return (
    <section className="stack" aria-labelledby="endpoints-title">
      <div className="section-head">
        <h2 id="endpoints-title" className="section-title">
          Endpoints
        </h2>
        {!showForm ? (
          <button type="button" className="btn btn--primary" onClick={() => setCreating(true)}>
            New endpoint
          </button>
        ) : null}
      </div>
      {endpoints.isSuccess && list.length === 0 ? (
        <EmptyState title="No endpoints yet">
          <p>
            A <strong>data</strong> endpoint stores JSON records; an <strong>auth</strong> endpoint stores your app&apos;s
            users and logs them in.
          </p>
        </EmptyState>
      ) : null}
      {showForm ? (
        <CreateEndpointPanel
          projectId={project.id}
          takenNames={list.map((e) => e.name)}
          {...(list.length > 0 ? { onCancel: () => setCreating(false) } : {})}
        />
      ) : null}
      {endpoints.isPending ? <Loading label="Loading endpoints…" /> : null}
      {endpoints.isError ? <ErrorAlert error={endpoints.error} onRetry={() => void endpoints.refetch()} /> : null}
      {list.length > 0 ? <EndpointList projectId={project.id} endpoints={list} onDelete={setDeleting} /> : null}
      <DeleteEndpointDialog projectId={project.id} endpoint={deleting} onClose={() => setDeleting(null)} />
    </section>
  );
}
