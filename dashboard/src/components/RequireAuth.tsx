import type { ReactNode } from 'react';
import { Navigate, useLocation } from 'react-router';
import { useMe } from '../features/auth/use-me';
import { ErrorAlert } from './ErrorAlert';
import { Loading } from './Status';

/** Renders its children for a signed-in owner; otherwise redirects to /signin, remembering where to come back. */
export function RequireAuth({ children }: { children: ReactNode }) {
  const me = useMe();
  const location = useLocation();
  if (me.isPending) {
    return (
      <div className="page-center">
        <Loading label="Checking your session…" />
      </div>
    );
  }
  if (me.isError) {
    return (
      <div className="page-center">
        <ErrorAlert error={me.error} title="Could not check your session" onRetry={() => void me.refetch()} />
      </div>
    );
  }
  if (!me.data) {
    const from = `${location.pathname}${location.search}`;
    return <Navigate to="/signin" replace state={{ from }} />;
  }
  return <>{children}</>;
}
