import { useState, type FormEvent } from 'react';
import { Link } from 'react-router';
import { ApiError, explain } from '../api/api-error';
import { ErrorMessage } from '../components/messages';
import { Page } from '../components/page';
import { TextField } from '../components/text-field';
import { verifySecondFactor, type SecondFactorStep, type SignInOutcome } from '../session/session';
import { ceremonyFailure, passkeyAssertion } from '../session/passkey-ceremony';

/**
 * The second step of a sign-in for a person with an authenticator app: its current code, or one
 * of the recovery codes when the phone is not at hand.
 */
export function SecondFactor({
  step,
  onOutcome,
  onRestart,
}: {
  step: SecondFactorStep;
  onOutcome: (outcome: SignInOutcome) => void;
  onRestart: (message: string) => void;
}) {
  const recoveryPossible = step.kinds.includes('RECOVERY_CODES');
  const [useRecovery, setUseRecovery] = useState(!step.kinds.includes('TOTP') && recoveryPossible);
  const [code, setCode] = useState('');
  const [problem, setProblem] = useState<string[]>([]);
  const [failure, setFailure] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const label = useRecovery ? 'Recovery code' : 'Authentication code';
  // A person with passkeys only has no code to type: the passkey is the whole second step.
  const typesCode = step.kinds.includes('TOTP') || recoveryPossible;

  async function verifyWithPasskey() {
    if (busy || !step.passkeyOptions) return;
    setFailure(null);
    let answer: string;
    try {
      answer = await passkeyAssertion(step.passkeyOptions);
    } catch (error) {
      setFailure(ceremonyFailure(error));
      return;
    }
    setBusy(true);
    try {
      onOutcome(await verifySecondFactor(step, { passkey: answer }));
    } catch (error) {
      if (error instanceof ApiError && error.fields.passkey)
        setFailure('That passkey is not one of yours here. Try another way.');
      else if (error instanceof ApiError && error.code === 'UNAUTHENTICATED')
        onRestart('Your sign-in was not finished in time (5 minutes), so it has ended. Sign in again.');
      else setFailure(explain(error));
    } finally {
      setBusy(false);
    }
  }

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (busy) return;
    setFailure(null);
    const typed = code.replace(/\s+/g, '');
    if (!typed) {
      setProblem([
        useRecovery ? 'Enter one of your recovery codes.' : 'Enter the 6-digit code your authenticator app shows now.',
      ]);
      return;
    }
    setProblem([]);
    setBusy(true);
    try {
      onOutcome(await verifySecondFactor(step, useRecovery ? { recoveryCode: typed } : { code: typed }));
    } catch (error) {
      setCode('');
      // A wrong code names its field; an UNAUTHENTICATED without one is a challenge that ran out.
      const wrong = error instanceof ApiError && (!!error.fields.code || !!error.fields.recoveryCode);
      if (wrong)
        setFailure(
          useRecovery
            ? 'That recovery code is not correct, or it was already used. Check it and try again, or use another one.'
            : 'That code is not correct. Codes change every 30 seconds: type the one your app shows now. Several wrong codes lock your login, as wrong passwords do.',
        );
      else if (error instanceof ApiError && error.code === 'UNAUTHENTICATED')
        onRestart('Your sign-in was not finished in time (5 minutes), so it has ended. Sign in again.');
      else setFailure(explain(error));
    } finally {
      setBusy(false);
    }
  }

  // The heading names the way offered now: the one the form asks for, and a passkey beside it.
  const title = !typesCode
    ? 'Use your passkey'
    : useRecovery
      ? 'Enter a recovery code'
      : step.passkeyOptions
        ? 'Enter your authentication code or use a passkey'
        : 'Enter your authentication code';
  return (
    <Page title={title}>
      {step.passkeyOptions && !typesCode && (
        <p>
          Your browser asks this device (or your phone or security key) for the passkey; unlock it with its PIN or
          fingerprint.
        </p>
      )}
      {step.passkeyOptions && (
        <div className="actions">
          <button type="button" className="button" onClick={() => void verifyWithPasskey()}>
            Use a passkey
          </button>
        </div>
      )}
      {typesCode && (
        <p>
          {useRecovery
            ? 'Type one of the recovery codes you saved when you set up your authenticator app. Each code works once.'
            : 'Open the authenticator app on your phone and type the 6-digit code it shows for the Secure Employer Website.'}
        </p>
      )}
      {failure && <ErrorMessage>{failure}</ErrorMessage>}
      {typesCode && (
        <form onSubmit={submit} noValidate aria-busy={busy}>
          <TextField
            key={label}
            label={label}
            inputMode={useRecovery ? 'text' : 'numeric'}
            autoComplete="one-time-code"
            autoCapitalize="none"
            spellCheck={false}
            value={code}
            onChange={(e) => setCode(e.target.value)}
            errors={problem}
          />
          <div className="actions">
            <button type="submit" className="button">
              Verify
            </button>
            {recoveryPossible && step.kinds.includes('TOTP') && (
              <button
                type="button"
                className="button button-secondary"
                onClick={() => {
                  setUseRecovery(!useRecovery);
                  setCode('');
                  setProblem([]);
                }}
              >
                {useRecovery ? 'Use the authenticator app' : 'Use a recovery code'}
              </button>
            )}
          </div>
        </form>
      )}
      <p>
        Lost your phone and your recovery codes? Ask{' '}
        <Link to="/self-service/find-administrator">an administrator of your organization</Link> to reset your second
        factors.
      </p>
    </Page>
  );
}
