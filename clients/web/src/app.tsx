import { createBrowserRouter, createRoutesFromElements, Navigate, Route, RouterProvider } from 'react-router';
import { Layout } from './components/layout';
import { RequireSignIn } from './components/require-sign-in';
import { AccountPage } from './pages/account';
import { ContactsPage } from './pages/contacts/contacts-page';
import { FindAdministratorPage } from './pages/find-administrator';
import { HelpPage } from './pages/help';
import { ForgotPasswordPage } from './pages/forgot-password';
import { AssistedResetPage } from './pages/assisted-reset';
import { NotFoundPage } from './pages/not-found';
import { OrganizationSettingsPage } from './pages/organization-settings';
import { ResetPasswordPage } from './pages/reset-password';
import { SignInPage } from './pages/sign-in';
import { UnlockPage } from './pages/unlock';
import { useSession } from './session/use-session';
import { useMe } from './api/use-me';

const loading = (
  <p role="status" className="loading">
    Loading…
  </p>
);

/** Signed in: staff work on the maintenance screen, everyone else starts on their own account. */
function SignedInHome({ actingAs }: { actingAs: number }) {
  const me = useMe(actingAs);
  if (me.status === 'loading') return loading;
  return <Navigate to={me.data?.me.kind === 'STAFF' ? '/organization/contacts' : '/account'} replace />;
}

/** `/`, and where Sign In leads when no page asked for it: the person's start page, or Sign In. */
function Home() {
  const session = useSession();
  if (session.status === 'starting') return loading;
  if (session.status === 'signed-in' && !session.passwordChangeRequired)
    return <SignedInHome actingAs={session.actingAs} />;
  return <Navigate to="/sign-in" replace />;
}

/**
 * The pages of DESIGN.md section 7; the gateway serves this app for each of these paths. A data
 * router, so a form with unsaved changes can hold any navigation until the person answers.
 */
const router = createBrowserRouter(
  createRoutesFromElements(
    <Route element={<Layout />}>
      <Route index element={<Home />} />
      <Route path="sign-in" element={<SignInPage />} />
      <Route path="help" element={<HelpPage />} />
      <Route path="self-service/forgot-password" element={<ForgotPasswordPage />} />
      <Route path="self-service/reset-password" element={<ResetPasswordPage />} />
      <Route path="self-service/unlock" element={<UnlockPage />} />
      <Route path="self-service/assisted-reset" element={<AssistedResetPage />} />
      <Route path="self-service/find-administrator" element={<FindAdministratorPage />} />
      <Route
        path="account"
        element={
          <RequireSignIn>
            <AccountPage />
          </RequireSignIn>
        }
      />
      <Route
        path="organization/contacts"
        element={
          <RequireSignIn>
            <ContactsPage />
          </RequireSignIn>
        }
      />
      <Route
        path="organization/settings"
        element={
          <RequireSignIn>
            <OrganizationSettingsPage />
          </RequireSignIn>
        }
      />
      <Route path="*" element={<NotFoundPage />} />
    </Route>,
  ),
);

export function App() {
  return <RouterProvider router={router} />;
}
