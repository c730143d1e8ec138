import { useEffect, useState, type FormEvent } from 'react';
import { ApiError, explain } from '../api/api-error';
import { request } from '../api/graphql-client';
import { ErrorMessage } from '../components/messages';
import { Page } from '../components/page';
import { RecoveryCodeList, TotpSetupForm, WRONG_CODE, type TotpEnrolment } from '../components/totp-setup';
import { StartRequiredTotpEnrolmentDocument } from '../graphql/generated';
import { confirmEnrolment, type EnrolmentStep, type SignInOutcome } from '../session/session';

const ENDED = 'Setting up your second factor was not finished in time (15 minutes), so it has ended. Sign in again.';

/**
 * Right after the password, when a second factor is required and the person has none (their
 * organization asks for one; staff logins always in production): an authenticator app is set up
 * here, before any other page. The first code turns it on and signs in; the recovery codes are
 * shown once, and the person goes on only when they say they have kept them.
 */
export function SecondFactorEnrolment({
  step,
  userName,
  onOutcome,
  onRestart,
}: {
  step: EnrolmentStep;
  /** Names the downloaded file of recovery codes. */
  userName?: string;
  onOutcome: (outcome: SignInOutcome) => void;
  onRestart: (message: string) => void;
}) {
  const [enrolment, setEnrolment] = useState<TotpEnrolment | null>(null);
  const [code, setCode] = useState('');
  const [problem, setProblem] = useState<string[]>([]);
  const [failure, setFailure] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [done, setDone] = useState<{ recoveryCodes: string[]; outcome: SignInOutcome } | null>(null);

  useEffect(() => {
    let current = true;
    request(StartRequiredTotpEnrolmentDocument, { challenge: step.enrolmentChallenge }).then(
      (answer) => current && setEnrolment(answer.startTotpEnrolment),
      (error: unknown) => {
        if (!current) return;
        if (error instanceof ApiError && (error.code === 'INVALID_TOKEN' || error.code === 'UNAUTHENTICATED'))
          onRestart(ENDED);
        else setFailure(explain(error));
      },
    );
    return () => {
      current = false;
    };
  }, [step.enrolmentChallenge, onRestart]);

  async function confirm(event: FormEvent) {
    event.preventDefault();
    if (busy) return;
    setFailure(null);
    const typed = code.replace(/\s+/g, '');
    setProblem(typed ? [] : ['Enter the 6-digit code your authenticator app shows now.']);
    if (!typed) return;
    setBusy(true);
    try {
      setDone(await confirmEnrolment(step, typed));
    } catch (error) {
      setCode('');
      if (error instanceof ApiError && error.fields.code) setFailure(WRONG_CODE);
      else if (error instanceof ApiError && (error.code === 'INVALID_TOKEN' || error.code === 'UNAUTHENTICATED'))
        onRestart(ENDED);
      else setFailure(explain(error));
    } finally {
      setBusy(false);
    }
  }

  if (done)
    return (
      <Page title="Your second factor is set up">
        <p>From now on, sign-in asks for a code from your authenticator app after your password.</p>
        <RecoveryCodeList codes={done.recoveryCodes} userName={userName} />
        <div className="actions">
          <button type="button" className="button" onClick={() => onOutcome(done.outcome)}>
            I have saved my recovery codes
          </button>
        </div>
      </Page>
    );

  return (
    <Page title="Set up a second factor">
      <p>
        Your login must be protected by a second factor before you go on: a code from an authenticator app on your
        phone, asked after your password each time you sign in.
      </p>
      {failure && <ErrorMessage>{failure}</ErrorMessage>}
      {enrolment ? (
        <TotpSetupForm enrolment={enrolment} code={code} onCode={setCode} problem={problem} onSubmit={confirm} />
      ) : (
        !failure && <p role="status">Preparing your authenticator app set-up…</p>
      )}
    </Page>
  );
}
