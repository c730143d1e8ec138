import { useState } from 'react';
import { ApiError } from '../api/api-error';
import { request } from '../api/graphql-client';
import { StartStepUpDocument } from '../graphql/generated';
import { ceremonyFailure, passkeyAssertion, passkeysSupported } from '../session/passkey-ceremony';
import { TextField } from './text-field';

/** What the step-up gate takes: the current password, a code, a recovery code, or a passkey's answer with its token. */
export interface StepUpProof {
  currentPassword?: string;
  currentCode?: string;
  recoveryCode?: string;
  passkey?: string;
  stepUpToken?: string;
}

/**
 * "Confirm it's you" before a change of how the person signs in: with a second factor, a code of
 * the authenticator app, a recovery code or a passkey; without one, the current password. A
 * session left open is never enough on its own.
 */
export function useStepUpProof(kinds: readonly string[]) {
  const secondFactor = kinds.includes('TOTP') || kinds.includes('PASSKEY');
  const [typed, setTyped] = useState('');
  const [problem, setProblem] = useState<string[]>([]);

  const canUsePasskey = kinds.includes('PASSKEY') && passkeysSupported();

  /** The proof typed, or with nothing typed a passkey's answer; null when none, with the field told why. */
  async function proof(): Promise<StepUpProof | null> {
    const value = secondFactor ? typed.replace(/\s+/g, '') : typed;
    if (!value && canUsePasskey) {
      const { token, options } = (await request(StartStepUpDocument, {})).startStepUp;
      if (options) return { passkey: await passkeyAssertion(options), stepUpToken: token };
    }
    setProblem(
      value
        ? []
        : [
            secondFactor
              ? 'Enter the code your authenticator app shows now, or one of your recovery codes.'
              : 'Enter your current password.',
          ],
    );
    if (!value) return null;
    if (!secondFactor) return { currentPassword: value };
    return /^\d{6}$/.test(value) ? { currentCode: value } : { recoveryCode: value };
  }

  /** A refused proof: the words for it (a wrong one counts toward the lockout), or null for another failure. */
  function refusal(error: unknown): string | null {
    setTyped('');
    if (!(error instanceof ApiError)) return ceremonyFailure(error);
    const fields = error.fields;
    if (fields.currentPassword) return 'That is not your current password. Several wrong attempts lock your login.';
    if (fields.currentCode || fields.recoveryCode || fields.passkey)
      return 'That code is not correct, or that recovery code was already used. Several wrong codes lock your login, as wrong passwords do.';
    return null;
  }

  const field = (
    <section aria-labelledby="step-up-heading" className="panel">
      <h2 id="step-up-heading">Confirm it is you</h2>
      <p>
        Adding or removing a passkey, setting up an authenticator app and making new recovery codes each need a fresh
        proof, and each is mailed to you.
      </p>
      <TextField
        label={secondFactor ? 'Code or recovery code, to confirm it is you' : 'Your password, to confirm it is you'}
        hint={
          !secondFactor
            ? 'To change how you sign in, enter your current password.'
            : canUsePasskey
              ? 'To change how you sign in, prove you hold your second factor: type a code, or leave this empty to use one of your passkeys.'
              : 'To change how you sign in, prove you hold your second factor.'
        }
        type={secondFactor ? 'text' : 'password'}
        autoComplete={secondFactor ? 'one-time-code' : 'current-password'}
        autoCapitalize="none"
        spellCheck={false}
        value={typed}
        onChange={(e) => setTyped(e.target.value)}
        errors={problem}
      />
    </section>
  );
  return { field, proof, refusal, canUsePasskey, clear: () => setTyped('') };
}

export type StepUp = ReturnType<typeof useStepUpProof>;
