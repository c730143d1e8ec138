import { useCallback, useState, type FormEvent } from 'react';
import { Link, Navigate, useLocation, useNavigate } from 'react-router';
import { ApiError, explain, FIX_FIELDS } from '../api/api-error';
import { FormActions } from '../components/form-actions';
import { ErrorMessage, ErrorSummary, Notice } from '../components/messages';
import { Page } from '../components/page';
import { TextField } from '../components/text-field';
import { problemsAt } from '../components/use-new-password';
import { UserNameField, USER_NAME_ID, USER_NAME_MISSING } from '../components/user-name-field';
import { useNotice } from '../components/use-notice';
import {
  signIn,
  type EnrolmentStep,
  type OrganizationChoice,
  type SecondFactorStep,
  type InternetAccessStep,
  type SignInOutcome,
} from '../session/session';
import { useSession } from '../session/use-session';
import { ChooseOrganization } from './choose-organization';
import { ChoosePassword } from './choose-password';
import { RequestInternetAccess } from './request-internet-access';
import { SecondFactor } from './second-factor';
import { PasskeySignIn } from './passkey-sign-in';
import { SecondFactorEnrolment } from './second-factor-enrolment';

export interface SignInState {
  from?: string;
  notice?: string;
  /** The user name to prefill: the person just chose a new password for it. */
  userName?: string;
}

/** What the forgot-password page is given: the user name typed here, so it need not be typed twice. */
export interface ForgotPasswordState {
  userName?: string;
}

/**
 * Every failed sign-in gets the same answer from the API, wrong password, unknown name or
 * locked login alike (so a stranger learns nothing); the page therefore says what to do in
 * each case, in one message.
 */
function FailedSignIn({ error, userName }: { error: unknown; userName: string }) {
  const forgot: ForgotPasswordState = { userName: userName.trim() };
  if (error instanceof ApiError && error.code === 'UNAUTHENTICATED') {
    return (
      <ErrorMessage title="You are not signed in">
        <p>The user name or password is not correct. Check both and try again.</p>
        <p>
          After 3 failed attempts in a row your login is locked, to protect it. To unlock it, reset your password with{' '}
          <Link to="/self-service/forgot-password" state={forgot}>
            Forgot your password?
          </Link>
          , or ask <Link to="/self-service/find-administrator">an administrator of your organization</Link> to unlock
          it.
        </p>
      </ErrorMessage>
    );
  }
  if (error instanceof ApiError && error.code === 'TEMPORARY_PASSWORD_EXPIRED') {
    return (
      <ErrorMessage title="Your temporary password has expired">
        <p>
          A temporary password works for 24 hours. Ask{' '}
          <Link to="/self-service/find-administrator">an administrator of your organization</Link> to re-enroll you: you
          will get a new one by email.
        </p>
      </ErrorMessage>
    );
  }
  if (error instanceof ApiError && error.code === 'INTERNET_ACCESS_DISABLED') {
    return (
      <ErrorMessage title="Sign in from your organization's network">
        <p>
          Your organization allows signing in from its own network only. Sign in at work, or ask{' '}
          <Link to="/self-service/find-administrator">an administrator of your organization</Link> to turn on internet
          access.
        </p>
      </ErrorMessage>
    );
  }
  return (
    <ErrorMessage>
      <p>{explain(error)}</p>
    </ErrorMessage>
  );
}

export function SignInPage() {
  const session = useSession();
  const location = useLocation();
  const navigate = useNavigate();
  const { from = '/', userName: known = '' } = (location.state as SignInState | null) ?? {};
  const [notice, dismissNotice] = useNotice();
  const [userName, setUserName] = useState(known);
  // Each failed submit shows its message anew, so it takes focus again.
  const [attempt, setAttempt] = useState(0);
  const [password, setPassword] = useState('');
  const [missing, setMissing] = useState<{ userName: string[]; password: string[] }>({ userName: [], password: [] });
  const [failure, setFailure] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  // The temporary password, kept only for the next step (choosing one's own), never stored.
  const [temporaryPassword, setTemporaryPassword] = useState<string | null>(null);
  const [choice, setChoice] = useState<OrganizationChoice | null>(null);
  const [secondStep, setSecondStep] = useState<SecondFactorStep | null>(null);
  const [enrolment, setEnrolment] = useState<EnrolmentStep | null>(null);
  const [internetAccess, setInternetAccess] = useState<InternetAccessStep | null>(null);
  const [restartNotice, setRestartNotice] = useState<string | null>(null);
  const restartEnrolment = useCallback((message: string) => {
    setEnrolment(null);
    setRestartNotice(message);
  }, []);

  /** Where a sign-in step leads: the next step, or in. */
  function follow(outcome: SignInOutcome) {
    setSecondStep(null);
    setEnrolment(null);
    if ('internetAccessRequestToken' in outcome) {
      setTemporaryPassword(null);
      setPassword('');
      setInternetAccess(outcome);
    } else if ('enrolmentChallenge' in outcome) setEnrolment(outcome);
    else if ('challenge' in outcome) setSecondStep(outcome);
    else if ('choiceToken' in outcome) setChoice(outcome);
    else if (outcome.status === 'signed-in' && !outcome.passwordChangeRequired) {
      setTemporaryPassword(null);
      navigate(from, { replace: true });
    }
  }
  // Before anything else, signed in or not: the confirmation signs in, and the recovery codes are
  // shown on this step until the person goes on.
  if (internetAccess && session.status !== 'signed-in')
    return <RequestInternetAccess step={internetAccess} onBack={() => setInternetAccess(null)} />;
  if (enrolment)
    return (
      <SecondFactorEnrolment
        step={enrolment}
        userName={userName.trim()}
        onOutcome={follow}
        onRestart={restartEnrolment}
      />
    );
  if (secondStep && session.status !== 'signed-in') {
    return (
      <SecondFactor
        step={secondStep}
        onOutcome={follow}
        onRestart={(message) => {
          setSecondStep(null);
          setRestartNotice(message);
        }}
      />
    );
  }
  if (choice && session.status !== 'signed-in') {
    return (
      <ChooseOrganization
        choice={choice}
        onChosen={(step) => {
          setChoice(null);
          if (step) follow(step);
        }}
        onRestart={(message) => {
          setChoice(null);
          setRestartNotice(message);
        }}
      />
    );
  }
  if (session.status === 'signed-in' && session.passwordChangeRequired) {
    return (
      <ChoosePassword
        temporaryPassword={temporaryPassword}
        onDone={() =>
          navigate('/account', { replace: true, state: { notice: 'Your password is saved, and you are signed in.' } })
        }
      />
    );
  }
  if (session.status === 'signed-in') return <Navigate to={from} replace />;

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (busy) return;
    dismissNotice();
    const found = {
      userName: userName.trim() ? [] : [USER_NAME_MISSING],
      password: password ? [] : ['Enter your password.'],
    };
    setMissing(found);
    if (found.userName.length || found.password.length) {
      setAttempt((n) => n + 1);
      setFailure(
        new ApiError(FIX_FIELDS, 'BAD_USER_INPUT', {
          form: [],
        }),
      );
      return;
    }
    setBusy(true);
    setFailure(null);
    setTemporaryPassword(password);
    try {
      setRestartNotice(null);
      follow(await signIn(userName.trim(), password));
    } catch (error) {
      setTemporaryPassword(null);
      setPassword('');
      setAttempt((n) => n + 1);
      setFailure(error);
    } finally {
      setBusy(false);
    }
  }

  return (
    <Page title="Sign In">
      {notice && <Notice>{notice}</Notice>}
      {session.status === 'signed-out' && session.ended && !failure && (
        <div className="message message-warning" role="status">
          <p>
            You were signed out ({session.ended}); sign in to continue
            {from !== '/' ? ': you will come back to the page you were on.' : '.'}
          </p>
        </div>
      )}
      {restartNotice && <ErrorMessage>{restartNotice}</ErrorMessage>}
      {failure instanceof ApiError && failure.code === 'BAD_USER_INPUT' ? (
        <ErrorSummary
          key={attempt}
          problems={[...problemsAt(USER_NAME_ID, missing.userName), ...problemsAt('password', missing.password)]}
        />
      ) : (
        failure !== null && <FailedSignIn key={attempt} error={failure} userName={userName} />
      )}
      <form onSubmit={submit} noValidate aria-busy={busy}>
        <UserNameField value={userName} onChange={setUserName} errors={missing.userName} />
        <TextField
          id="password"
          label="Password"
          type="password"
          autoComplete="current-password"
          value={password}
          onChange={(e) => setPassword(e.target.value)}
          errors={missing.password}
        />
        <FormActions submit="Sign In" busy={busy} busyText="Signing in…" />
      </form>
      <PasskeySignIn onOutcome={follow} />
      <ul className="links">
        <li>
          <Link to="/self-service/forgot-password" state={{ userName: userName.trim() } satisfies ForgotPasswordState}>
            Forgot your password?
          </Link>
        </li>
        <li>
          <Link to="/self-service/find-administrator">Find your administrator</Link>
        </li>
      </ul>
    </Page>
  );
}
