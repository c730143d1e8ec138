import { Link } from 'react-router';
import { explain } from '../api/api-error';
import { useQuery } from '../api/use-query';
import { Helpdesk } from '../components/helpdesk';
import { ErrorMessage } from '../components/messages';
import { Page } from '../components/page';
import { HelpdeskContactDocument } from '../graphql/generated';

/** Who to ask, in plain words: first the organization's own administrators, then the pension system's helpdesk. */
export function HelpPage() {
  const helpdesk = useQuery(HelpdeskContactDocument, {});
  return (
    <Page title="Help">
      <h2>Your organization's administrator</h2>
      <p>
        Your organization's administrators can register you, unlock your login, send you a new temporary password and
        change your contact details. If you do not know who they are, use{' '}
        <Link to="/self-service/find-administrator">Find your administrator</Link>.
      </p>
      <h2>Forgotten password</h2>
      <p>
        If you know your user name (your email address), you can choose a new password yourself:{' '}
        <Link to="/self-service/forgot-password">Forgot your password?</Link>
      </p>
      <h2>The pension system's helpdesk</h2>
      <p>If your organization has no administrator who can help, or this site does not work for you:</p>
      {helpdesk.status === 'failed' ? (
        <ErrorMessage>{explain(helpdesk.error)}</ErrorMessage>
      ) : helpdesk.status === 'done' ? (
        <Helpdesk contact={helpdesk.data.helpdeskContact} />
      ) : (
        <p role="status">Loading…</p>
      )}
    </Page>
  );
}
