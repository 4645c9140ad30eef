import type { FileRecordData, RecordEnvelope } from '@rested/shared';
import { StackTable } from '../../components/StackTable';
import { fileUrl } from '../../api/console';
import { formatBytes, formatDate } from '../../lib/format';

export type FileRecord = RecordEnvelope<FileRecordData>;

/** A small preview for images (but SVG, which is served as an attachment) and videos; nothing for other types. */
function Preview({ url, type, name }: { url: string; type: string; name: string }) {
  if (type.startsWith('image/') && type !== 'image/svg+xml') return <img className="file-preview" src={url} alt={name} loading="lazy" />;
  if (type.startsWith('video/')) return <video className="file-preview" src={url} preload="metadata" controls muted aria-label={name} />;
  return <span className="file-preview file-preview--none" aria-hidden="true">{type.split('/')[1]?.slice(0, 4) ?? 'file'}</span>;
}

interface FilesTableProps {
  projectId: string;
  endpointId: string;
  files: FileRecord[];
  onDelete: (record: FileRecord) => void;
}

/** The files of a file endpoint: preview, name, type, size, date, download and delete. */
export function FilesTable({ projectId, endpointId, files, onDelete }: FilesTableProps) {
  return (
    <StackTable caption="Files" columns={['Preview', 'Name', 'Type', 'Size', 'Uploaded']} actions>
      {files.map((record) => {
        const file = record.data.file;
        const url = fileUrl(projectId, endpointId, record.uniqueId);
        return (
          <tr key={record.uniqueId} data-testid="file-row">
            <td data-label="Preview">
              <Preview url={url} type={file.type} name={file.name} />
            </td>
            <td data-label="Name" className="table__data">{file.name}</td>
            <td data-label="Type"><code className="mono muted">{file.type}</code></td>
            <td data-label="Size">{formatBytes(file.size)}</td>
            <td data-label="Uploaded">{formatDate(record.createdAt)}</td>
            <td className="table__actions">
              <a className="btn btn--small" href={url} download={file.name} aria-label={`Download ${file.name}`}>
                Download
              </a>
              <button type="button" className="btn btn--small btn--danger-ghost" onClick={() => onDelete(record)} aria-label={`Delete ${file.name}`}>
                Delete
              </button>
            </td>
          </tr>
        );
      })}
    </StackTable>
  );
}
