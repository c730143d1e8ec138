import { useCallback, useState, type FormEvent } from 'react';
import { Link, Navigate, useNavigate } from 'react-router';
import { ApiError, explain, FIX_FIELDS } from '../api/api-error';
import { FormActions } from '../components/form-actions';
import { ErrorMessage, Notice } from '../components/messages';
import { NewPasswordFields } from '../components/new-password-fields';
import { Page } from '../components/page';
import { TextField } from '../components/text-field';
import { useNewPassword } from '../components/use-new-password';
import { UserNameField, USER_NAME_MISSING } from '../components/user-name-field';
import {
  completeAssistedReset,
  type EnrolmentStep,
  type InternetAccessStep,
  type OrganizationChoice,
  type SecondFactorStep,
  type SignInOutcome,
} from '../session/session';
import { useSession } from '../session/use-session';
import { ChooseOrganization } from './choose-organization';
import { RequestInternetAccess } from './request-internet-access';
import { SecondFactor } from './second-factor';
import { SecondFactorEnrolment } from './second-factor-enrolment';

const SIGNED_IN = 'Your new password is saved, and you are signed in.';

/**
 * For a person whose email does not reach them: the one-time code an administrator read out after
 * checking who they are, and a new password; then on as after Sign In (a second factor is still asked).
 */
export function AssistedResetPage() {
  const session = useSession();
  const navigate = useNavigate();
  const password = useNewPassword();
  const [userName, setUserName] = useState('');
  const [code, setCode] = useState('');
  const [missing, setMissing] = useState<{ userName: string[]; code: string[] }>({ userName: [], code: [] });
  const [failure, setFailure] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const [secondStep, setSecondStep] = useState<SecondFactorStep | null>(null);
  const [enrolment, setEnrolment] = useState<EnrolmentStep | null>(null);
  const [choice, setChoice] = useState<OrganizationChoice | null>(null);
  const [internetAccess, setInternetAccess] = useState<InternetAccessStep | null>(null);
  const [restartNotice, setRestartNotice] = useState<string | null>(null);
  const [done, setDone] = useState(false);
  const restart = useCallback(
    (message: string) => {
      setSecondStep(null);
      setEnrolment(null);
      setChoice(null);
      // The password is set already: the rest is an ordinary sign-in.
      navigate('/sign-in', { replace: true, state: { notice: `Your new password is saved. ${message}` } });
    },
    [navigate],
  );

  function follow(outcome: SignInOutcome) {
    setDone(true);
    setSecondStep(null);
    setEnrolment(null);
    if ('internetAccessRequestToken' in outcome) setInternetAccess(outcome);
    else if ('enrolmentChallenge' in outcome) setEnrolment(outcome);
    else if ('challenge' in outcome) setSecondStep(outcome);
    else if ('choiceToken' in outcome) setChoice(outcome);
    else navigate('/account', { replace: true, state: { notice: SIGNED_IN } });
  }

  if (internetAccess && session.status !== 'signed-in')
    return <RequestInternetAccess step={internetAccess} onBack={() => navigate('/sign-in')} />;
  if (enrolment) return <SecondFactorEnrolment step={enrolment} onOutcome={follow} onRestart={restart} />;
  if (secondStep && session.status !== 'signed-in')
    return <SecondFactor step={secondStep} onOutcome={follow} onRestart={restart} />;
  if (choice && session.status !== 'signed-in')
    return <ChooseOrganization choice={choice} onChosen={() => setChoice(null)} onRestart={restart} />;
  if (done && session.status === 'signed-in') return <Navigate to="/account" replace state={{ notice: SIGNED_IN }} />;

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (busy) return;
    const found = {
      userName: userName.trim() ? [] : [USER_NAME_MISSING],
      code: code.trim() ? [] : ['Enter the code your administrator read out to you.'],
    };
    setMissing(found);
    const fine = password.check();
    if (found.userName.length || found.code.length || !fine) {
      setFailure(new ApiError(FIX_FIELDS, 'BAD_USER_INPUT', { form: [] }));
      return;
    }
    setBusy(true);
    setFailure(null);
    setRestartNotice(null);
    try {
      follow(await completeAssistedReset(userName.trim(), code.trim(), password.newPassword));
    } catch (error) {
      password.refused(error);
      setFailure(error);
    } finally {
      setBusy(false);
    }
  }

  const wrong = failure instanceof ApiError && failure.code === 'UNAUTHENTICATED';
  return (
    <Page title="Reset your password with a code from your administrator">
      {restartNotice && <Notice>{restartNotice}</Notice>}
      {wrong ? (
        <ErrorMessage title="The user name or code is not correct">
          <p>
            Check both and try again. A code works once, for 15 minutes, and only the newest one your administrator gave
            you. Wrong codes count like wrong passwords: after 3 in a row your login is locked and the code stops
            working; then ask your administrator for a new code.
          </p>
        </ErrorMessage>
      ) : (
        failure !== null && <ErrorMessage>{explain(failure)}</ErrorMessage>
      )}
      <p>
        If your email does not reach you, an administrator of your organization can check who you are (by phone or in
        person) and read you a one-time code. Enter it here with a new password: you are then signed in.
      </p>
      <form onSubmit={submit} noValidate aria-busy={busy}>
        <UserNameField value={userName} onChange={setUserName} errors={missing.userName} />
        <TextField
          label="Code from your administrator"
          hint="Three groups of four letters and digits, for example K7QM-3XRD-PW9H. Spaces and dashes do not matter."
          autoComplete="one-time-code"
          autoCapitalize="characters"
          spellCheck={false}
          value={code}
          onChange={(e) => setCode(e.target.value)}
          errors={missing.code}
        />
        <NewPasswordFields {...password.fields} />
        <FormActions submit="Reset password and sign in" />
      </form>
      <p>
        No code? <Link to="/self-service/find-administrator">Find your administrator</Link>, or{' '}
        <Link to="/self-service/forgot-password">get a reset link by email</Link>.
      </p>
    </Page>
  );
}
