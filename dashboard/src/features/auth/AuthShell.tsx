import type { ReactNode } from 'react';
import { Navigate, useLocation } from 'react-router';
import { useMe } from './use-me';

interface AuthShellProps {
  title: string;
  subtitle: string;
  children: ReactNode;
  footer: ReactNode;
  /** false: stay on this page even when an owner is signed in (the reset page a mailed link opens). */
  redirectSignedIn?: boolean;
}

/**
 * The centred card around the sign-in and sign-up forms. Once an owner is known (already signed
 * in, or just signed in/up) it redirects: back to the page that sent them here, else to /projects.
 */
export function AuthShell({ title, subtitle, children, footer, redirectSignedIn = true }: AuthShellProps) {
  const me = useMe();
  const from = (useLocation().state as { from?: unknown } | null)?.from;
  if (me.data && redirectSignedIn) return <Navigate to={typeof from === 'string' && from.startsWith('/') ? from : '/projects'} replace />;
  return (
    <main className="auth" id="main">
      <div className="auth__card">
        <div className="auth__brand">
          <span className="brand__mark" aria-hidden="true">r</span>
          <span className="brand__name">rested</span>
        </div>
        <h1 className="auth__title">{title}</h1>
        <p className="auth__subtitle">{subtitle}</p>
        {children}
        <p className="auth__footer">{footer}</p>
      </div>
    </main>
  );
}
