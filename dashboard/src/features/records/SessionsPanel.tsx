import { useEffect, useRef, useState } from 'react';
import { StackTable } from '../../components/StackTable';
import type { SessionInfo } from '@rested/shared';
import { ConfirmDialog } from '../../components/ConfirmDialog';
import { ErrorAlert } from '../../components/ErrorAlert';
import { EmptyState, Loading } from '../../components/Status';
import { Badge } from '../../components/Badge';
import { RelativeTime } from '../../components/RelativeTime';
import { describeUserAgent } from '../../lib/user-agent';
import { useRevokeSessions, useSessions } from './use-records';
import { UserActions } from './UserActions';

interface SessionsPanelProps {
  projectId: string;
  endpointId: string;
  user: string;
  userName: string;
  onClose: () => void;
}

function sessionState(s: SessionInfo): { label: string; tone: 'ok' | 'neutral' | 'warn' } {
  if (s.revokedAt) return { label: 'revoked', tone: 'neutral' };
  if (new Date(s.expiresAt).getTime() <= Date.now()) return { label: 'expired', tone: 'neutral' };
  return { label: 'active', tone: 'ok' };
}

export function SessionsPanel({ projectId, endpointId, user, userName, onClose }: SessionsPanelProps) {
  const sessions = useSessions(projectId, endpointId, user);
  const revoke = useRevokeSessions(projectId, endpointId, user);
  const [confirming, setConfirming] = useState(false);
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => heading.current?.focus(), [user]);

  const list = sessions.data ?? [];
  const active = list.filter((s) => sessionState(s).label === 'active').length;
  return (
    <section className="card stack" aria-labelledby="sessions-title">
      <div className="card__head">
        <h2 id="sessions-title" className="card__title" tabIndex={-1} ref={heading}>
          Sessions of {userName}
        </h2>
        <button type="button" className="btn btn--ghost btn--small" onClick={onClose} aria-label="Close sessions">
          Close
        </button>
      </div>
      <UserActions projectId={projectId} endpointId={endpointId} user={user} />
      {sessions.isPending ? <Loading label="Loading sessions…" /> : null}
      <ErrorAlert error={sessions.error} />
      {sessions.isSuccess && list.length === 0 ? <EmptyState title="No sessions: this user has never logged in." /> : null}
      {list.length > 0 ? (
        <StackTable caption={`Sessions of ${userName}`} columns={['State', 'Created', 'Expires', 'Device', 'IP']}>
          {list.map((s) => {
            const state = sessionState(s);
            return (
              <tr key={s.id} data-testid="session-row" data-state={state.label}>
                <td data-label="State">
                  <Badge tone={state.tone}>{state.label}</Badge>
                </td>
                <td data-label="Created"><RelativeTime iso={s.createdAt} /></td>
                <td data-label="Expires">{s.revokedAt ? <>revoked <RelativeTime iso={s.revokedAt} /></> : <RelativeTime iso={s.expiresAt} />}</td>
                <td data-label="Device" title={s.userAgent}>
                  {describeUserAgent(s.userAgent) || '—'}
                </td>
                <td data-label="IP">{s.ip || '—'}</td>
              </tr>
            );
          })}
        </StackTable>
      ) : null}
      <div className="actions">
        <button type="button" className="btn btn--danger" onClick={() => setConfirming(true)} disabled={active === 0}>
          Revoke all sessions
        </button>
        <span className="muted small">{active === 1 ? '1 active session' : `${active} active sessions`}</span>
      </div>
      <ConfirmDialog
        open={confirming}
        title={`Revoke all sessions of ${userName}?`}
        confirmLabel="Revoke sessions"
        danger
        pending={revoke.isPending}
        error={revoke.error}
        onCancel={() => {
          setConfirming(false);
          revoke.reset();
        }}
        onConfirm={() => revoke.mutate(undefined, { onSuccess: () => setConfirming(false) })}
      >
        <p>The user is logged out on every device at once; their access tokens stop working immediately.</p>
      </ConfirmDialog>
    </section>
  );
}
