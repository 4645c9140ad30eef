import type { ReactNode } from 'react';
import { Navigate } from 'react-router';
import { useMe } from './use-me';

interface AuthShellProps {
  title: string;
  subtitle: string;
  children: ReactNode;
  footer: ReactNode;
}

/** The centred card around the sign-in and sign-up forms; a signed-in owner goes straight to the projects. */
export function AuthShell({ title, subtitle, children, footer }: AuthShellProps) {
  const me = useMe();
  if (me.data) return <Navigate to="/projects" replace />;
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
