import { useEffect, useState } from 'react';
import { Link } from 'react-router';
import type { Endpoint, RecordEnvelope } from '@rested/shared';
import type { RecordQuery } from '../../api/console';
import { ErrorAlert } from '../../components/ErrorAlert';
import { EmptyState, Loading } from '../../components/Status';
import { plural } from '../../lib/format';
import { DeleteRecordDialog } from '../records/DeleteRecordDialog';
import { CursorPager } from '../records/Pager';
import { useCursorPages } from '../records/use-cursor-pages';
import { useRecordPage } from '../records/use-records';
import { FilesTable, type FileRecord } from './FilesTable';
import { FileUploader } from './FileUploader';

const PAGE_SIZE = 25;
/** The file list pages through every file, in upload order. */
const NO_FILTER: RecordQuery = { where: '', sort: '' };

/** The data browser of a file endpoint: upload, then page through the files, preview, download and delete them. */
export function FilesBrowser({ projectId, endpoint }: { projectId: string; endpoint: Endpoint }) {
  const pages = useCursorPages();
  const query = useRecordPage(projectId, endpoint.id, PAGE_SIZE, pages.after, NO_FILTER);
  const [deleting, setDeleting] = useState<RecordEnvelope | null>(null);
  const data = query.data;

  useEffect(() => {
    if (data && !query.isPlaceholderData && data.items.length === 0 && pages.hasPrevious) pages.previous();
  }, [data, query.isPlaceholderData, pages]);

  return (
    <section className="stack" aria-labelledby="files-title">
      <div className="section-head">
        <h2 id="files-title" className="section-title">
          Files
          {data ? <span className="section-title__count"> · {plural(data.total, 'file')}</span> : null}
        </h2>
        <button type="button" className="btn btn--small" onClick={() => void query.refetch()} disabled={query.isFetching}>
          Refresh
        </button>
      </div>
      <FileUploader projectId={projectId} endpoint={endpoint} />
      {query.isPending ? <Loading label="Loading files…" /> : null}
      <ErrorAlert error={query.error} {...(query.isError ? { onRetry: () => void query.refetch() } : {})} />
      {data && data.items.length === 0 && !pages.hasPrevious ? (
        <EmptyState title="No files yet">
          <p>Upload one above, or from your app: see the <Link to="use">Use it</Link> tab.</p>
        </EmptyState>
      ) : null}
      {data && data.items.length > 0 ? (
        <div className={query.isPlaceholderData ? 'is-stale' : undefined}>
          <FilesTable projectId={projectId} endpointId={endpoint.id} files={data.items as FileRecord[]} onDelete={setDeleting} />
        </div>
      ) : null}
      {data ? <CursorPager pages={pages} next={data.next} busy={query.isFetching} /> : null}
      <DeleteRecordDialog projectId={projectId} endpointId={endpoint.id} record={deleting} users={false} onClose={() => setDeleting(null)} />
    </section>
  );
}
