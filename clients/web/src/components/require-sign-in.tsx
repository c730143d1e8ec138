import type { ReactNode } from 'react';
import { Navigate, useLocation } from 'react-router';
import { useSession } from '../session/use-session';

/** Pages for signed-in people: others go to Sign In, which brings them back here afterwards. */
export function RequireSignIn({ children }: { children: ReactNode }) {
  const session = useSession();
  const location = useLocation();
  if (session.status === 'starting')
    return (
      <p role="status" className="loading">
        Loading…
      </p>
    );
  if (session.status === 'signed-out' || session.passwordChangeRequired)
    return <Navigate to="/sign-in" replace state={{ from: location.pathname + location.search }} />;
  return <>{children}</>;
}
