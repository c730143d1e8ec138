import { useState, type FormEvent } from 'react';
import { Link } from 'react-router';
import { ApiError, explain } from '../api/api-error';
import { request } from '../api/graphql-client';
import { FormActions } from '../components/form-actions';
import { ErrorMessage, Notice } from '../components/messages';
import { Page } from '../components/page';
import { TextField } from '../components/text-field';
import { RequestInternetAccessDocument } from '../graphql/generated';
import { when } from '../format';
import type { InternetAccessStep } from '../session/session';

/**
 * The password (and second factor) were right, but the organization allows sign-in from its own
 * network only: the person may ask its administrators for internet access, with a reason.
 */
export function RequestInternetAccess({ step, onBack }: { step: InternetAccessStep; onBack: () => void }) {
  const [reason, setReason] = useState('');
  const [filed, setFiled] = useState<boolean | null>(null);
  const [failure, setFailure] = useState<string | null>(null);
  const [denied, setDenied] = useState<{ deniedAt: string; askAgainAfter: string } | null>(null);
  const [busy, setBusy] = useState(false);

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (busy) return;
    setBusy(true);
    setFailure(null);
    try {
      const answer = await request(RequestInternetAccessDocument, {
        token: step.internetAccessRequestToken,
        reason: reason.trim() || null,
      });
      setFiled(answer.requestInternetAccess);
    } catch (error) {
      if (error instanceof ApiError && error.code === 'INTERNET_ACCESS_REQUEST_DENIED')
        setDenied({
          deniedAt: String(error.extensions.deniedAt),
          askAgainAfter: String(error.extensions.askAgainAfter),
        });
      else setFailure(explain(error));
    } finally {
      setBusy(false);
    }
  }

  return (
    <Page title="Sign in from your organization's network">
      <p>
        Your user name and password are correct, but your organization allows signing in from its own network only. Sign
        in at work, or ask the administrators of your organization to let you sign in from the internet.
      </p>
      {denied ? (
        <div className="message message-warning" role="status">
          <h2 className="message-title">Your request was denied recently</h2>
          <p>
            An administrator of your organization denied your request for internet access on {when(denied.deniedAt)}.
            Nothing has changed, and your administrators were not asked again.
          </p>
          <p>
            You may ask again after {when(denied.askAgainAfter)}. Until then, sign in from your organization&apos;s
            network, or speak to your administrator.
          </p>
        </div>
      ) : filed === null ? (
        <>
          {failure && <ErrorMessage>{failure}</ErrorMessage>}
          <form onSubmit={submit} noValidate aria-busy={busy}>
            <TextField
              label="Reason (optional)"
              hint="For example: working from home this term. Your administrators read it."
              maxLength={500}
              value={reason}
              onChange={(e) => setReason(e.target.value)}
            />
            <FormActions submit="Request internet access" />
          </form>
        </>
      ) : (
        <Notice title={filed ? 'Request sent' : 'Request already waiting'}>
          <p>
            {filed
              ? 'The administrators of your organization have your request. You will get an email when one of them decides.'
              : 'You already have a request for internet access waiting for your administrators. Nothing has changed; you will get an email when one of them decides.'}
          </p>
        </Notice>
      )}
      <p>
        <button type="button" className="link-button link-button-inline" onClick={onBack}>
          Back to Sign In
        </button>{' '}
        · <Link to="/self-service/find-administrator">Find your administrator</Link>
      </p>
    </Page>
  );
}
