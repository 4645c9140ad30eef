import { Link, Outlet, useNavigate } from 'react-router';
import { useMe, useSignOut } from '../features/auth/use-me';
import { RequireAuth } from './RequireAuth';

function Header() {
  const me = useMe();
  const signOut = useSignOut();
  const navigate = useNavigate();
  const owner = me.data;
  const onSignOut = () => signOut.mutate(undefined, { onSettled: () => navigate('/signin', { replace: true }) });
  return (
    <header className="topbar">
      <div className="topbar__inner">
        <Link to="/projects" className="brand" aria-label="rested — your projects">
          <span className="brand__mark" aria-hidden="true">r</span>
          <span className="brand__name">rested</span>
        </Link>
        <nav aria-label="Main" className="topbar__nav">
          <Link to="/projects" className="topbar__link">
            Projects
          </Link>
        </nav>
        <div className="topbar__user">
          {owner ? (
            <Link to="/account" className="topbar__owner" title={`${owner.email}: account`}>
              {owner.name || owner.email}
            </Link>
          ) : null}
          <button type="button" className="btn btn--small" onClick={onSignOut} disabled={signOut.isPending}>
            {signOut.isPending ? 'Signing out…' : 'Sign out'}
          </button>
        </div>
      </div>
    </header>
  );
}

/** Shell of every signed-in screen. */
export function AppLayout() {
  return (
    <RequireAuth>
      <a href="#main" className="skip-link">
        Skip to content
      </a>
      <Header />
      <main id="main" className="container" tabIndex={-1}>
        <Outlet />
      </main>
    </RequireAuth>
  );
}
