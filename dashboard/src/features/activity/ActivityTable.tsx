import type { AuditEvent, Endpoint } from '@rested/shared';
import { formatDate } from '../../lib/format';
import { actorText, detailsText, targetText } from './event-text';

/** The events, newest first: when, what, who, on what, from where. */
export function ActivityTable({ events, endpoints }: { events: AuditEvent[]; endpoints: readonly Endpoint[] }) {
  return (
    <div className="table-wrap">
      <table className="table table--stack">
        <caption className="visually-hidden">Audit events, newest first</caption>
        <thead>
          <tr>
            <th scope="col">When</th>
            <th scope="col">Event</th>
            <th scope="col">By</th>
            <th scope="col">Target</th>
            <th scope="col">Details</th>
            <th scope="col">From</th>
          </tr>
        </thead>
        <tbody>
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
        </tbody>
      </table>
    </div>
  );
}
