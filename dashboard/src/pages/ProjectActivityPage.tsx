import { useSearchParams } from 'react-router';
import { auditExportUrl, type AuditFilter } from '../api/audit';
import { ErrorAlert } from '../components/ErrorAlert';
import { EmptyState, Loading } from '../components/Status';
import { ActivityTable } from '../features/activity/ActivityTable';
import { EVENT_TYPES } from '../features/activity/event-text';
import { useAuditLog } from '../features/activity/use-audit';
import { useEndpoints } from '../features/endpoints/use-endpoints';
import { useProjectContext } from '../lib/outlet-context';
import { useDocumentTitle } from '../lib/use-document-title';

/** The Activity tab: the project's audit log, filtered by type, endpoint and user (kept in the URL), live while open. */
export function ProjectActivityPage() {
  const { project } = useProjectContext();
  useDocumentTitle(`${project.name} · Activity`);
  const [params, setParams] = useSearchParams();
  const filter: AuditFilter = { type: params.get('type') ?? '', endpoint: params.get('endpoint') ?? '', user: params.get('user') ?? '' };
  const setFilter = (name: keyof AuditFilter, value: string) => {
    const next = new URLSearchParams(params);
    if (value) next.set(name, value);
    else next.delete(name);
    setParams(next, { replace: true });
  };
  const endpoints = useEndpoints(project.id);
  const log = useAuditLog(project.id, filter);
  const events = log.data?.pages.flatMap((page) => page.items) ?? [];

  return (
    <section className="stack" aria-labelledby="activity-title">
      <h2 id="activity-title" className="section-title">Activity</h2>
      <div className="toolbar">
        <label className="toolbar__label">
          Type
          <select className="input" value={filter.type} onChange={(e) => setFilter('type', e.target.value)}>
            <option value="">All events</option>
            {EVENT_TYPES.map((t) => <option key={t} value={t}>{t}</option>)}
          </select>
        </label>
        <label className="toolbar__label">
          Endpoint
          <select className="input" value={filter.endpoint} onChange={(e) => setFilter('endpoint', e.target.value)}>
            <option value="">All endpoints</option>
            {(endpoints.data ?? []).map((e) => <option key={e.id} value={e.id}>{e.name}</option>)}
          </select>
        </label>
        <label className="toolbar__label">
          User
          <input className="input" value={filter.user} placeholder="uniqueId" onChange={(e) => setFilter('user', e.target.value.trim())} />
        </label>
        <a className="btn btn--small" href={auditExportUrl(project.id, filter)} download>
          Export (NDJSON)
        </a>
      </div>
      <p className="muted small" role="status" aria-live="polite">
        {log.isFetching && !log.isPending ? 'Updating…' : 'Live: new events appear while this page is open.'}
      </p>
      {log.isPending ? <Loading label="Loading activity…" /> : null}
      <ErrorAlert error={log.error} onRetry={() => void log.refetch()} />
      {log.isSuccess && events.length === 0 ? <EmptyState title="No events match these filters." /> : null}
      {events.length > 0 ? <ActivityTable events={events} endpoints={endpoints.data ?? []} /> : null}
      {log.hasNextPage ? (
        <div className="actions">
          <button type="button" className="btn" onClick={() => void log.fetchNextPage()} disabled={log.isFetchingNextPage}>
            {log.isFetchingNextPage ? 'Loading…' : 'Load older events'}
          </button>
        </div>
      ) : null}
    </section>
  );
}
