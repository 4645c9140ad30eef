import { useEffect, useState } from 'react';
import type { Endpoint, RecordEnvelope } from '@rested/shared';
import { ErrorAlert } from '../../components/ErrorAlert';
import { EmptyState, Loading } from '../../components/Status';
import { plural } from '../../lib/format';
import type { RecordQuery } from '../../api/console';
import { DeleteRecordDialog } from './DeleteRecordDialog';
import { FilterBar } from './FilterBar';
import { CursorPager } from './Pager';
import { RecordDialog } from './RecordDialog';
import { RecordsTable } from './RecordsTable';
import { userLabel } from './record-text';
import { SessionsPanel } from './SessionsPanel';
import { useCursorPages } from './use-cursor-pages';
import { useRecordPage } from './use-records';

const PAGE_SIZES = [10, 25, 50, 100];

export function RecordsBrowser({ projectId, endpoint }: { projectId: string; endpoint: Endpoint }) {
  const users = endpoint.auth;
  const [limit, setLimit] = useState(25);
  const pages = useCursorPages();
  const [filter, setFilter] = useState<RecordQuery>({ where: '', sort: '' });
  const query = useRecordPage(projectId, endpoint.id, limit, pages.after, filter);
  const [viewing, setViewing] = useState<RecordEnvelope | null>(null);
  const [deleting, setDeleting] = useState<RecordEnvelope | null>(null);
  const [sessionsOf, setSessionsOf] = useState<RecordEnvelope | null>(null);
  const data = query.data;

  // A page emptied by deletions: step back to the previous one.
  useEffect(() => {
    if (data && !query.isPlaceholderData && data.items.length === 0 && pages.hasPrevious) pages.previous();
  }, [data, query.isPlaceholderData, pages]);

  const noun = users ? 'user' : 'record';
  return (
    <section className="stack" aria-labelledby="records-title">
      <div className="section-head">
        <h2 id="records-title" className="section-title">
          {users ? 'Users' : 'Records'}
          {data ? <span className="section-title__count"> · {plural(data.total, noun)}</span> : null}
        </h2>
        <div className="toolbar">
          <label className="toolbar__label">
            Per page
            <select
              className="input input--narrow"
              value={limit}
              onChange={(e) => {
                setLimit(Number(e.target.value));
                pages.reset();
              }}
            >
              {PAGE_SIZES.map((n) => (
                <option key={n} value={n}>
                  {n}
                </option>
              ))}
            </select>
          </label>
          <button type="button" className="btn btn--small" onClick={() => void query.refetch()} disabled={query.isFetching}>
            {query.isFetching && !query.isPending ? 'Refreshing…' : 'Refresh'}
          </button>
        </div>
      </div>
      <FilterBar
        applied={filter}
        onApply={(next) => {
          setFilter(next);
          pages.reset();
        }}
      />
      {query.isPending ? <Loading label={`Loading ${noun}s…`} /> : null}
      <ErrorAlert error={query.error} {...(query.isError ? { onRetry: () => void query.refetch() } : {})} />
      {data && data.items.length === 0 && !pages.hasPrevious && filter.where ? (
        <EmptyState title={`No ${noun}s match this filter`}>
          <p>Change the filter, or clear it to see every {noun}.</p>
        </EmptyState>
      ) : null}
      {data && data.items.length === 0 && !pages.hasPrevious && !filter.where ? (
        <EmptyState title={users ? 'No users yet' : 'No records yet'}>
          <p>
            {users ? 'Users appear here once they register' : 'Records appear here once your app creates them'}: see the{' '}
            <strong>Use it</strong> tab for ready-made calls.
          </p>
        </EmptyState>
      ) : null}
      {data && data.items.length > 0 ? (
        <div className={query.isPlaceholderData ? 'is-stale' : undefined}>
          <RecordsTable
            records={data.items}
            users={users}
            onView={setViewing}
            onDelete={setDeleting}
            onSessions={users ? setSessionsOf : undefined}
          />
        </div>
      ) : null}
      {data ? <CursorPager pages={pages} next={data.next} busy={query.isFetching} /> : null}
      {sessionsOf ? (
        <SessionsPanel
          projectId={projectId}
          endpointId={endpoint.id}
          user={sessionsOf.uniqueId}
          userName={userLabel(sessionsOf)}
          onClose={() => setSessionsOf(null)}
        />
      ) : null}
      <RecordDialog record={viewing} users={users} onClose={() => setViewing(null)} />
      <DeleteRecordDialog
        projectId={projectId}
        endpointId={endpoint.id}
        record={deleting}
        users={users}
        onClose={() => {
          if (deleting && sessionsOf?.uniqueId === deleting.uniqueId) setSessionsOf(null);
          setDeleting(null);
        }}
      />
    </section>
  );
}
