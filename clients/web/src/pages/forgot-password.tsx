import { useState, type FormEvent } from 'react';
import { Link, useLocation } from 'react-router';
import { explain } from '../api/api-error';
import { request } from '../api/graphql-client';
import { FormActions } from '../components/form-actions';
import { ErrorMessage, Notice } from '../components/messages';
import { Page } from '../components/page';
import { UserNameField, USER_NAME_MISSING } from '../components/user-name-field';
import { RequestPasswordResetDocument } from '../graphql/generated';
import type { ForgotPasswordState } from './sign-in';

/** The same confirmation for every name: the page never tells whether a login exists. */
export function ForgotPasswordPage() {
  // The name typed on Sign In comes along: a person locked out on a phone types it once.
  const carried = (useLocation().state as ForgotPasswordState | null)?.userName ?? '';
  const [userName, setUserName] = useState(carried);
  const [missing, setMissing] = useState<string[]>([]);
  const [sent, setSent] = useState(false);
  const [failure, setFailure] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (busy) return;
    setMissing(userName.trim() ? [] : [USER_NAME_MISSING]);
    setFailure(null);
    if (!userName.trim()) return;
    setBusy(true);
    try {
      // The API's own answer names its operations; the page says the same in plain words.
      await request(RequestPasswordResetDocument, { userName: userName.trim() });
      setSent(true);
    } catch (error) {
      setFailure(explain(error));
    } finally {
      setBusy(false);
    }
  }

  return (
    <Page title="Forgot your password?">
      <p>
        Enter your user name (your email address). If it belongs to a self-service login, we email you a link to choose
        a new password. The link works once, for 1 hour. Choosing a new password also unlocks a locked login.
      </p>
      {sent ? (
        <>
          <Notice title="Check your email">
            <p>
              If a self-service login has this user name and an email address on record, a link to choose a new password
              is on its way. It works once, for 1 hour.
            </p>
            <p>
              No email after a few minutes? Look in your spam folder. If your organization has no email address on
              record for you, an administrator of your organization can re-enroll you:{' '}
              <Link to="/self-service/find-administrator">Find your administrator</Link>.
            </p>
          </Notice>
          <p>
            <Link to="/sign-in">Back to Sign In</Link>
          </p>
        </>
      ) : (
        <>
          {failure && <ErrorMessage>{failure}</ErrorMessage>}
          <form onSubmit={submit} noValidate aria-busy={busy}>
            <UserNameField value={userName} onChange={setUserName} errors={missing} />
            <FormActions submit="Send reset link" />
          </form>
          <p>
            Does your email not reach you? An administrator of your organization can check who you are, by phone or in
            person, and give you a one-time code.{' '}
            <Link to="/self-service/assisted-reset">I have a code from my administrator</Link>
          </p>
          <p>
            <Link to="/sign-in">Back to Sign In</Link>
          </p>
        </>
      )}
    </Page>
  );
}
