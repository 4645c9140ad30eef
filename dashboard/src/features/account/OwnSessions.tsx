import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { listOwnSessions, revokeOwnSession } from '../../api/account';
import { ErrorAlert } from '../../components/ErrorAlert';
import { Loading } from '../../components/Status';
import { formatDate } from '../../lib/format';

export const OWN_SESSIONS_KEY = ['me', 'sessions'] as const;

/** The owner's live console sessions, the current one marked; any other can be ended. */
export function OwnSessions() {
  const client = useQueryClient();
  const sessions = useQuery({ queryKey: OWN_SESSIONS_KEY, queryFn: listOwnSessions });
  const revoke = useMutation({ mutationFn: revokeOwnSession, onSuccess: () => void client.invalidateQueries({ queryKey: OWN_SESSIONS_KEY }) });
  return (
    <section className="card stack" aria-labelledby="own-sessions-title">
      <h2 id="own-sessions-title" className="card__title">
        Signed-in sessions
      </h2>
      <ErrorAlert error={sessions.error ?? revoke.error} />
      {sessions.isPending ? <Loading label="Loading sessions…" /> : null}
      <ul className="rows">
        {(sessions.data ?? []).map((s) => (
          <li key={s.id} className="row">
            <div className="row__main">
              <span className="row__title">Signed in {formatDate(s.createdAt)}</span>
              <span className="row__desc">{s.current ? 'This browser' : `Ends ${formatDate(s.expiresAt)}`}</span>
            </div>
            {s.current ? null : (
              <div className="row__actions">
                <button type="button" className="btn btn--small btn--danger-ghost" disabled={revoke.isPending} onClick={() => revoke.mutate(s.id)}>
                  Sign out
                </button>
              </div>
            )}
          </li>
        ))}
      </ul>
    </section>
  );
}
