import type { RecordEnvelope } from '@rested/shared';
import { StackTable } from '../../components/StackTable';
import { formatDate } from '../../lib/format';
import { preview, shortId, userLabel } from './record-text';

interface RecordsTableProps {
  records: RecordEnvelope[];
  users: boolean;
  onView: (record: RecordEnvelope) => void;
  onDelete: (record: RecordEnvelope) => void;
  onSessions?: ((record: RecordEnvelope) => void) | undefined;
}

/** Records (or, on an auth endpoint, users) as a table; stacks into cards on narrow screens. */
export function RecordsTable({ records, users, onView, onDelete, onSessions }: RecordsTableProps) {
  const noun = users ? 'user' : 'record';
  return (
    <StackTable caption={users ? 'Users' : 'Records'} columns={['Unique ID', users ? 'User' : 'Data', 'Created', 'Updated']} actions>
      {records.map((record) => {
        const name = users ? userLabel(record) : shortId(record.uniqueId);
        return (
          <tr key={record.uniqueId} data-testid={users ? 'user-row' : 'record-row'}>
            <td data-label="Unique ID">
              <code className="mono" title={record.uniqueId}>
                {shortId(record.uniqueId)}
              </code>
            </td>
            <td data-label={users ? 'User' : 'Data'} className="table__data">
              {users ? <span>{userLabel(record)}</span> : <code className="mono muted">{preview(record.data)}</code>}
            </td>
            <td data-label="Created">{formatDate(record.createdAt)}</td>
            <td data-label="Updated">{formatDate(record.updatedAt)}</td>
            <td className="table__actions">
              <button type="button" className="btn btn--small" onClick={() => onView(record)} aria-label={`View ${noun} ${name}`}>
                View
              </button>
              {onSessions ? (
                <button
                  type="button"
                  className="btn btn--small"
                  onClick={() => onSessions(record)}
                  aria-label={`Sessions of ${name}`}
                >
                  Sessions
                </button>
              ) : null}
              <button
                type="button"
                className="btn btn--small btn--danger-ghost"
                onClick={() => onDelete(record)}
                aria-label={`Delete ${noun} ${name}`}
              >
                Delete
              </button>
            </td>
          </tr>
        );
      })}
    </StackTable>
  );
}
