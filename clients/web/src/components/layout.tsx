import { Link, NavLink, Outlet, useNavigate } from 'react-router';
import { can, useMe } from '../api/use-me';
import { signOut } from '../session/session';
import { useSession } from '../session/use-session';

/** The maintenance screen's menu entry, for those the matrix lets read contacts (and staff). */
function ContactsMenuItem({ actingAs }: { actingAs: number }) {
  const me = useMe(actingAs).data?.me;
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

/** Every page: skip link, the site's name, the menu for who is signed in, the page, the footer. */
export function Layout() {
  const session = useSession();
  const navigate = useNavigate();
  const signedIn = session.status === 'signed-in' && !session.passwordChangeRequired;
  return (
    <>
      <a className="skip-link" href="#main">
        Skip to main content
      </a>
      <header className="site-header">
        <div className="site-header-inner">
          <Link to="/" className="site-name">
            Secure Employer Website
          </Link>
          <nav aria-label="Main">
            <ul className="menu">
              {signedIn ? (
                <>
                  <ContactsMenuItem actingAs={session.status === 'signed-in' ? session.actingAs : 0} />
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
                </>
              ) : (
                session.status === 'signed-out' && (
                  <li>
                    <NavLink to="/sign-in">Sign In</NavLink>
                  </li>
                )
              )}
            </ul>
          </nav>
        </div>
      </header>
      <main id="main" tabIndex={-1}>
        <Outlet />
      </main>
      <footer className="site-footer">
        <ul className="links">
          <li>
            <Link to="/self-service/find-administrator">Find your administrator</Link>
          </li>
          <li>
            <Link to="/self-service/forgot-password">Forgot your password?</Link>
          </li>
        </ul>
      </footer>
    </>
  );
}
