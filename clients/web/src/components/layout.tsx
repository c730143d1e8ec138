import type { ReactNode } from 'react';
import { Link, NavLink, Outlet, useLocation, useNavigate } from 'react-router';
import { can, useMe, type Me } from '../api/use-me';
import { signOut } from '../session/session';
import { useSession } from '../session/use-session';
import { IdleWarning } from './idle-warning';
import { OrganizationBar } from './organization-bar';

/** The maintenance screen's menu entry, for those the matrix lets read contacts (and staff). */
function ContactsMenuItem({ me }: { me: Me | undefined }) {
  if (
    !me ||
    !(me.kind === 'STAFF' || can(me, 'ORGANIZATION_CONTACTS', 'READ') || can(me, 'SELF_SERVICE_RESET', 'EDIT'))
  )
    return null;
  return (
    <li>
      <NavLink to="/organization/contacts">Organization Contacts</NavLink>
    </li>
  );
}

function SiteHeader({ children }: { children?: ReactNode }) {
  return (
    <header className="site-header">
      <div className="site-header-inner">
        <Link to="/" className="site-name">
          Secure Employer Website
        </Link>
        <nav aria-label="Main">
          <ul className="menu">{children}</ul>
        </nav>
      </div>
    </header>
  );
}

/** The header of a signed-in person: their menu, and under it the organization they act for. */
function SignedInHeader({ actingAs }: { actingAs: number }) {
  const navigate = useNavigate();
  // Loaded again when the session acts for another organization.
  const me = useMe(actingAs).data?.me;
  return (
    <>
      <SiteHeader>
        <ContactsMenuItem me={me} />
        <li>
          <NavLink to="/account">My account</NavLink>
        </li>
        <li>
          <button
            type="button"
            className="link-button"
            onClick={() =>
              void signOut().finally(() => navigate('/sign-in', { state: { notice: 'You are signed out.' } }))
            }
          >
            Sign out
          </button>
        </li>
      </SiteHeader>
      {me && <OrganizationBar me={me} />}
      <IdleWarning />
    </>
  );
}

/** Every page: skip link, the site's name, the menu for who is signed in, the page, the footer. */
export function Layout() {
  const session = useSession();
  const signedIn = session.status === 'signed-in' && !session.passwordChangeRequired;
  // Sign In links to both self-service pages in its own words: the footer does not repeat them there.
  const onSignIn = useLocation().pathname === '/sign-in';
  return (
    <>
      <a className="skip-link" href="#main">
        Skip to main content
      </a>
      {signedIn ? (
        <SignedInHeader actingAs={session.actingAs} />
      ) : (
        <SiteHeader>
          {session.status === 'signed-out' && (
            <li>
              <NavLink to="/sign-in">Sign In</NavLink>
            </li>
          )}
        </SiteHeader>
      )}
      <main id="main" tabIndex={-1}>
        <Outlet />
      </main>
      <footer className="site-footer">
        <ul className="links">
          <li>
            <NavLink to="/help">Help</NavLink>
          </li>
          {!onSignIn && (
            <>
              <li>
                <Link to="/self-service/find-administrator">Find your administrator</Link>
              </li>
              <li>
                <Link to="/self-service/forgot-password">Forgot your password?</Link>
              </li>
            </>
          )}
        </ul>
      </footer>
    </>
  );
}
