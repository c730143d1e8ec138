import { useState } from 'react';
import { ApiError, explain } from '../api/api-error';
import { request } from '../api/graphql-client';
import { ErrorMessage } from '../components/messages';
import { StartPasskeySignInDocument } from '../graphql/generated';
import { ceremonyFailure, passkeyAssertion, passkeysSupported } from '../session/passkey-ceremony';
import { signInWithPasskey, type SignInOutcome } from '../session/session';

/** "Use a passkey instead of a password": no user name, no password, for a passkey its person set to sign in on its own. */
export function PasskeySignIn({ onOutcome }: { onOutcome: (outcome: SignInOutcome) => void }) {
  const [failure, setFailure] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  if (!passkeysSupported()) return null;

  async function signIn() {
    if (busy) return;
    setFailure(null);
    setBusy(true);
    try {
      const { token, options } = (await request(StartPasskeySignInDocument, {})).startPasskeySignIn;
      let answer: string;
      try {
        answer = await passkeyAssertion(options);
      } catch (error) {
        setFailure(ceremonyFailure(error));
        return;
      }
      onOutcome(await signInWithPasskey(token, answer));
    } catch (error) {
      setFailure(
        error instanceof ApiError && error.code === 'UNAUTHENTICATED'
          ? 'That passkey does not sign you in on its own. Sign in with your user name and password, then use the passkey.'
          : explain(error),
      );
    } finally {
      setBusy(false);
    }
  }

  return (
    <div className="passkey-sign-in" aria-busy={busy}>
      {failure && <ErrorMessage>{failure}</ErrorMessage>}
      <button type="button" className="button button-secondary" onClick={() => void signIn()}>
        Use a passkey instead of a password
      </button>
    </div>
  );
}
