import { useState } from 'react';
import { Link, useSearchParams } from 'react-router';
import { ApiError, explain } from '../api/api-error';
import { request } from '../api/graphql-client';
import { ErrorMessage, Notice } from '../components/messages';
import { Page } from '../components/page';
import { useQuery } from '../api/use-query';
import { CompleteUnlockDocument, UnlockLinkDocument } from '../graphql/generated';
import type { SignInState } from './sign-in';

/**
 * The unlock email's link. Opening the page changes nothing (mail scanners open links too);
 * the person's click on "Unlock my account" spends the one-time link.
 */
export function UnlockPage() {
  const [params] = useSearchParams();
  const token = params.get('token') ?? '';
  const [outcome, setOutcome] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  // Checked (not spent) when the page opens: the page says nothing about the login before it knows.
  const link = useQuery(UnlockLinkDocument, { token });
  const userName = link.data?.unlockLink?.userName;

  async function unlock() {
    if (busy) return;
    setBusy(true);
    setOutcome(null);
    try {
      await request(CompleteUnlockDocument, { token });
      setOutcome('unlocked');
    } catch (error) {
      setOutcome(error);
    } finally {
      setBusy(false);
    }
  }

  if (outcome === 'unlocked') {
    return (
      <Page title="Unlock your account">
        <Notice title="Your account is unlocked">
          <p>You can sign in again with your user name and password.</p>
        </Notice>
        <p>
          <Link className="button" to="/sign-in" state={{ userName } satisfies SignInState}>
            Sign In
          </Link>
        </p>
      </Page>
    );
  }
  if (token && link.status === 'loading')
    return (
      <Page title="Unlock your account">
        <p role="status">Checking your link…</p>
      </Page>
    );
  const spent =
    (outcome instanceof ApiError && outcome.code === 'INVALID_TOKEN') ||
    (token !== '' && link.status === 'done' && !link.data.unlockLink) ||
    (token !== '' &&
      link.status === 'failed' &&
      link.error instanceof ApiError &&
      link.error.code === 'BAD_USER_INPUT');
  return (
    <Page title="Unlock your account">
      {!token && (
        <ErrorMessage title="This page needs the link from your email">
          <p>
            Open the link in the unlock email you received. If you have none, reset your password with{' '}
            <Link to="/self-service/forgot-password">Forgot your password?</Link>: that also unlocks your login.
          </p>
        </ErrorMessage>
      )}
      {spent && (
        <ErrorMessage title="This link has already been used">
          <p>
            This unlock link has already been used, or it has expired (a link works once, within 24 hours), so it cannot
            unlock your account again. If you still cannot sign in, reset your password with{' '}
            <Link to="/self-service/forgot-password">Forgot your password?</Link> (that also unlocks your login), or ask{' '}
            <Link to="/self-service/find-administrator">an administrator of your organization</Link>.
          </p>
          <p>
            <Link to="/sign-in">Go to Sign In</Link>
          </p>
        </ErrorMessage>
      )}
      {outcome !== null && !spent && <ErrorMessage>{explain(outcome)}</ErrorMessage>}
      {token && !spent && (
        <>
          <p>
            An administrator of your organization has started unlocking your self-service login
            {userName ? (
              <>
                , <strong>{userName}</strong>
              </>
            ) : null}
            . It stays locked until you confirm below. The link works once, within 24 hours of the email.
          </p>
          <div className="actions">
            <button type="button" className="button" onClick={() => void unlock()} aria-busy={busy}>
              Unlock my account
            </button>
          </div>
          <p>
            <Link to="/sign-in">Go to Sign In</Link>
          </p>
        </>
      )}
    </Page>
  );
}
