import { useQuery } from '@tanstack/react-query';
import { getTraffic } from '../../api/traffic';

/**
 * Cookie mode over plain HTTP anywhere but localhost fails silently (the browser drops the Secure
 * cookie, the next call is 401 token_missing). The server counts such logins per project
 * (`cookie_over_plain_http`); when one came in the last week, this says so where the snippets are.
 */
export function CookieTransportBanner({ projectId }: { projectId: string }) {
  const week = useQuery({ queryKey: ['traffic', projectId, 'week'], queryFn: () => getTraffic(projectId, 'week'), staleTime: 60_000 });
  const logins = week.data?.notes.cookie_over_plain_http ?? 0;
  if (logins === 0) return null;
  return (
    <div className="alert alert--error" role="alert" data-testid="cookie-transport-banner">
      <div className="alert__body">
        <p className="alert__title">Cookie mode needs HTTPS (or localhost)</p>
        <p>
          {logins === 1 ? 'A login' : `${logins} logins`} in the last week set the access-token cookie over plain HTTP
          on a host that is not localhost. Browsers drop that cookie: the login answers 200, and the next call gets
          401 <code>token_missing</code>. Serve the API over HTTPS, or use the header-mode snippets
          (<code>noATCookie=true</code> and the Authorization header).
        </p>
      </div>
    </div>
  );
}
