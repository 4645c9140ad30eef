import type { AuditEvent, Endpoint } from '@rested/shared';
import { StackTable } from '../../components/StackTable';
import { formatDate } from '../../lib/format';
import { actorText, detailsText, targetText } from './event-text';

/** The events, newest first: when, what, who, on what, from where. */
export function ActivityTable({ events, endpoints }: { events: AuditEvent[]; endpoints: readonly Endpoint[] }) {
  return (
    <StackTable caption="Audit events, newest first" columns={['When', 'Event', 'By', 'Target', 'Details', 'From']}>
      {events.map((e) => (
        <tr key={e.id} data-testid="audit-row" data-type={e.type}>
          <td data-label="When">{formatDate(e.at)}</td>
          <td data-label="Event"><code>{e.type}</code></td>
          <td data-label="By">{actorText(e)}</td>
          <td data-label="Target">{targetText(e, endpoints)}</td>
          <td data-label="Details" className="table__data">{detailsText(e) || '—'}</td>
          <td data-label="From" className="table__data" title={`${e.userAgent}\nrequest ${e.requestId}`}>{e.ip || '—'}</td>
        </tr>
      ))}
    </StackTable>
  );
}
