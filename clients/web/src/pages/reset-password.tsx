import { useState, type FormEvent } from 'react';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { ApiError, explain } from '../api/api-error';
import { request } from '../api/graphql-client';
import { FormActions } from '../components/form-actions';
import { ErrorMessage, ErrorSummary } from '../components/messages';
import { Page } from '../components/page';
import { NewPasswordFields } from '../components/new-password-fields';
import { useNewPassword } from '../components/use-new-password';
import { useQuery } from '../api/use-query';
import { PasswordResetLinkDocument, ResetPasswordDocument } from '../graphql/generated';
import type { SignInState } from './sign-in';

/** The reset email's link: a new password, which also unlocks the login; then Sign In. */
export function ResetPasswordPage() {
  const [params] = useSearchParams();
  const token = params.get('token') ?? '';
  const navigate = useNavigate();
  const password = useNewPassword();
  const [failure, setFailure] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  // Each failed submit shows its message anew, so it takes focus again.
  const [attempt, setAttempt] = useState(0);
  // Checked when the page opens, so a spent link is reported before anyone types a password.
  const link = useQuery(PasswordResetLinkDocument, { token });

  if (!token) {
    return (
      <Page title="Reset your password">
        <ErrorMessage title="This page needs the link from your email">
          <p>
            Open the link in the password reset email we sent you. To get a new email, use{' '}
            <Link to="/self-service/forgot-password">Forgot your password?</Link>
          </p>
        </ErrorMessage>
      </Page>
    );
  }

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (busy) return;
    const fine = password.check();
    setFailure(null);
    setAttempt((n) => n + 1);
    if (!fine) {
      setFailure(new ApiError('', 'BAD_USER_INPUT', { newPassword: [] }));
      return;
    }
    setBusy(true);
    try {
      await request(ResetPasswordDocument, { token, newPassword: password.newPassword });
      const state: SignInState = {
        notice: 'Your password has been reset, and your login is unlocked. Sign in with your new password.',
        userName: link.data?.passwordResetLink?.userName,
      };
      navigate('/sign-in', { replace: true, state });
    } catch (error) {
      password.refused(error);
      setFailure(error);
    } finally {
      setBusy(false);
    }
  }

  if (link.status === 'loading')
    return (
      <Page title="Reset your password">
        <p role="status">Checking your link…</p>
      </Page>
    );
  const malformed = link.status === 'failed' && link.error instanceof ApiError && link.error.code === 'BAD_USER_INPUT';
  const spent =
    (link.status === 'done' && !link.data.passwordResetLink) ||
    malformed ||
    (failure instanceof ApiError && failure.code === 'INVALID_TOKEN');
  if (spent)
    return (
      <Page title="Reset your password">
        <ErrorMessage key={attempt} title="This link no longer works">
          <p>
            This reset link has already been used, or it has expired (a link works once, for 1 hour). Ask for a new one
            with <Link to="/self-service/forgot-password">Forgot your password?</Link>
          </p>
        </ErrorMessage>
      </Page>
    );
  const userName = link.data?.passwordResetLink?.userName;
  return (
    <Page title="Reset your password">
      {failure !== null &&
        (password.summary.length ? (
          <ErrorSummary key={attempt} problems={password.summary} />
        ) : (
          <ErrorMessage key={attempt}>{explain(failure)}</ErrorMessage>
        ))}
      <p>
        Choose a new password for your self-service login
        {userName ? (
          <>
            , <strong>{userName}</strong>
          </>
        ) : null}
        .
      </p>
      <form onSubmit={submit} noValidate aria-busy={busy}>
        <NewPasswordFields {...password.fields} />
        <FormActions submit="Reset password" busy={busy} busyText="Saving…" />
      </form>
    </Page>
  );
}
