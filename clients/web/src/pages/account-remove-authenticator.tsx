import { useState } from 'react';
import { explain } from '../api/api-error';
import { request } from '../api/graphql-client';
import { ConfirmDialog } from '../components/confirm-dialog';
import { ErrorMessage } from '../components/messages';
import type { StepUp } from '../components/step-up-proof';
import { RemoveAuthenticatorDocument } from '../graphql/generated';

/**
 * "Remove authenticator app": asked first, then done with the step-up proof above (a code from the
 * app, a recovery code or a passkey). The server refuses it where a second factor is required
 * and nothing else would remain, and says so.
 */
export function RemoveAuthenticator({
  stepUp,
  hasPasskey,
  onRemoved,
}: {
  stepUp: StepUp;
  hasPasskey: boolean;
  /** Told what happened: the panel says it, as this button goes with the app. */
  onRemoved: (outcome: string) => void;
}) {
  const [asking, setAsking] = useState(false);
  const [failure, setFailure] = useState<string | null>(null);
  async function remove() {
    setAsking(false);
    setFailure(null);
    try {
      const given = await stepUp.proof();
      if (!given) return;
      await request(RemoveAuthenticatorDocument, given);
      stepUp.clear();
      onRemoved(
        hasPasskey
          ? 'Authenticator app removed. Sign-in asks for your passkey after your password.'
          : 'Authenticator app removed, and your recovery codes with it. Sign-in asks for your password alone.',
      );
    } catch (error) {
      setFailure(stepUp.refusal(error) ?? explain(error));
    }
  }
  return (
    <>
      {failure && <ErrorMessage>{failure}</ErrorMessage>}
      <button type="button" className="button button-secondary" onClick={() => setAsking(true)}>
        Remove authenticator app
      </button>
      {asking && (
        <ConfirmDialog
          question="Remove the authenticator app?"
          detail={
            hasPasskey
              ? 'Its codes stop working; your passkeys stay. You are emailed.'
              : 'Its codes stop working and, with no second factor left, so do your recovery codes. You are emailed.'
          }
          confirm="Remove"
          onConfirm={() => void remove()}
          onCancel={() => setAsking(false)}
        />
      )}
    </>
  );
}
