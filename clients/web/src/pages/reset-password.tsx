import { useState, type FormEvent } from 'react';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { ApiError, explain } from '../api/api-error';
import { request } from '../api/graphql-client';
import { FormActions } from '../components/form-actions';
import { ErrorMessage } from '../components/messages';
import { Page } from '../components/page';
import { NewPasswordFields } from '../components/new-password-fields';
import { useNewPassword } from '../components/use-new-password';
import { ResetPasswordDocument } from '../graphql/generated';
import type { SignInState } from './sign-in';

/** The reset email's link: a new password, which also unlocks the login; then Sign In. */
export function ResetPasswordPage() {
  const [params] = useSearchParams();
  const token = params.get('token') ?? '';
  const navigate = useNavigate();
  const password = useNewPassword();
  const [failure, setFailure] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);

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
    if (!fine) {
      setFailure(new ApiError('', 'BAD_USER_INPUT', { newPassword: [] }));
      return;
    }
    setBusy(true);
    try {
      await request(ResetPasswordDocument, { token, newPassword: password.newPassword });
      const state: SignInState = {
        notice: 'Your password has been reset, and your login is unlocked. Sign in with your new password.',
      };
      navigate('/sign-in', { replace: true, state });
    } catch (error) {
      password.refused(error);
      setFailure(error);
    } finally {
      setBusy(false);
    }
  }

  const spent = failure instanceof ApiError && failure.code === 'INVALID_TOKEN';
  return (
    <Page title="Reset your password">
      {spent ? (
        <ErrorMessage title="This link no longer works">
          <p>
            This reset link has already been used, or it has expired (a link works once, for 1 hour). Ask for a new one
            with <Link to="/self-service/forgot-password">Forgot your password?</Link>
          </p>
        </ErrorMessage>
      ) : (
        failure !== null && <ErrorMessage>{explain(failure)}</ErrorMessage>
      )}
      <p>Choose a new password for your self-service login.</p>
      <form onSubmit={submit} noValidate aria-busy={busy}>
        <NewPasswordFields {...password.fields} />
        <FormActions submit="Reset password" />
      </form>
    </Page>
  );
}
