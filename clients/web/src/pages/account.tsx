import { useState, type FormEvent } from 'react';
import { useNavigate } from 'react-router';
import { ApiError, explain, FIX_FIELDS } from '../api/api-error';
import { request } from '../api/graphql-client';
import { useQuery } from '../api/use-query';
import { ConfirmDialog } from '../components/confirm-dialog';
import { FormActions } from '../components/form-actions';
import { ErrorMessage, ErrorSummary, Notice } from '../components/messages';
import { Page } from '../components/page';
import { Pager } from '../components/pager';
import { SecurityEventsTable } from '../components/security-events-table';
import { NewPasswordFields } from '../components/new-password-fields';
import { TextField } from '../components/text-field';
import { useChangePassword } from '../components/use-new-password';
import { useNotice } from '../components/use-notice';
import { actorName, failureName, statusName, when } from '../format';
import {
  ConfirmTotpEnrolmentDocument,
  MyAccountDocument,
  RegenerateRecoveryCodesDocument,
  SignOutEverywhereDocument,
  StartTotpEnrolmentDocument,
  type MyAccountQuery,
} from '../graphql/generated';
import { signOut, switchOrganization } from '../session/session';
import { useSession } from '../session/use-session';
import type { SignInState } from './sign-in';
import { PasskeysPanel } from './account-passkeys';
import { RemoveAuthenticator } from './account-remove-authenticator';
import { RecoveryCodeList, TotpSetupForm, WRONG_CODE, type TotpEnrolment } from '../components/totp-setup';
import { useStepUpProof, type StepUp, type StepUpProof } from '../components/step-up-proof';

const EVENTS_PER_PAGE = 10;
type Account = NonNullable<MyAccountQuery['me']['selfService']>;
type Events = MyAccountQuery['me']['securityEvents'];

/** What a person checks to notice misuse: when their login was used, and how often it failed. */
function SelfServiceDetails({ account }: { account: Account }) {
  const rows: [string, string | number][] = [
    ['User Name (Email ID)', account.userName],
    ['ESS ID', account.essId],
    ['Status', statusName(account.status)],
    ['Last Successful Login', when(account.lastSuccessfulLogin)],
    ['Previous Login', when(account.previousLogin)],
    ['No of Unsuccessful Attempts Since Last Success', account.unsuccessfulAttemptsSinceLastSuccess],
    ['Successful Login Attempts', account.successfulLoginAttempts],
    ['Total No Of Unsuccessful Attempts', account.totalUnsuccessfulAttempts],
    [
      'Last Authentication Failure',
      account.lastAuthenticationFailure
        ? `${failureName(account.lastAuthenticationFailure)}, ${when(account.lastAuthenticationFailureAt, '')}`
        : 'None',
    ],
    ['Second Factor Unsuccessful Attempts', account.secondFactorUnsuccessfulAttempts],
    ['Password Last Changed', when(account.passwordLastChanged)],
  ];
  if (account.externalMessage) rows.push(['External Message', account.externalMessage]);
  return (
    <section aria-labelledby="details-heading" className="panel">
      <h2 id="details-heading">Self Service Details</h2>
      <p>
        Check these after you sign in. A sign-in you do not recognise, or failed attempts you did not make? Change your
        password now, then sign out everywhere.
      </p>
      <dl className="details">
        {rows.map(([term, value]) => (
          <div key={term}>
            <dt>{term}</dt>
            <dd>{value}</dd>
          </div>
        ))}
      </dl>
    </section>
  );
}

function SecurityEvents({ events, myId, onPage }: { events: Events; myId?: string; onPage: (page: number) => void }) {
  return (
    <section aria-labelledby="events-heading" className="panel">
      <h2 id="events-heading">Security events</h2>
      {events.totalCount === 0 ? (
        <p>No security events yet.</p>
      ) : (
        <>
          <SecurityEventsTable
            headingId="events-heading"
            caption="Your security events, newest first"
            events={events.items}
            by={(event) => actorName(event.actorKind, event.actorId, myId)}
          />
          <Pager
            label="Security events pages"
            page={events.page}
            pageCount={events.pageCount}
            onPage={onPage}
            headingId="events-heading"
          >
            <p className="pager-position">
              Page {events.page} of {events.pageCount} | Results {(events.page - 1) * events.pageSize + 1} -{' '}
              {Math.min(events.page * events.pageSize, events.totalCount)} of {events.totalCount}
            </p>
          </Pager>
        </>
      )}
    </section>
  );
}

function ChangePasswordForm({ onChanged }: { onChanged: () => void }) {
  const form = useChangePassword({
    missing: 'Enter your current password.',
    wrong: 'The current password is not correct. Type the password you signed in with.',
  });
  const [outcome, setOutcome] = useState<{ ok: true } | { ok: false; message: string } | null>(null);
  // Each failed submit shows its message anew, so it takes focus again.
  const [attempt, setAttempt] = useState(0);

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (form.busy) return;
    setAttempt((n) => n + 1);
    setOutcome(null);
    if (!form.check()) {
      setOutcome({ ok: false, message: FIX_FIELDS });
      return;
    }
    try {
      await form.send();
      form.clear();
      setOutcome({ ok: true });
      onChanged();
    } catch (error) {
      setOutcome({ ok: false, message: explain(error) });
    }
  }

  return (
    <section aria-labelledby="password-heading" className="panel">
      <h2 id="password-heading">Change password</h2>
      {outcome?.ok && <Notice>Your password is changed. Your other browsers and devices are signed out.</Notice>}
      {outcome && !outcome.ok && form.summary.length > 0 ? (
        <ErrorSummary key={attempt} problems={form.summary} />
      ) : (
        outcome && !outcome.ok && <ErrorMessage key={attempt}>{outcome.message}</ErrorMessage>
      )}
      <form onSubmit={submit} noValidate aria-busy={form.busy}>
        <TextField label="Current password" type="password" autoComplete="current-password" {...form.currentField} />
        <NewPasswordFields {...form.newPasswordFields} />
        <FormActions submit="Change password" />
      </form>
    </section>
  );
}

type Memberships = MyAccountQuery['me']['memberships'];

/** A person of several organizations acts for one at a time and switches here, without the password. */
function OrganizationSwitch({
  memberships,
  onSwitched,
}: {
  memberships: Memberships;
  onSwitched: (message: string) => void;
}) {
  const current = memberships.find((m) => m.current);
  const [chosen, setChosen] = useState(current?.organizationId ?? '');
  const [outcome, setOutcome] = useState<{ ok: false; message: string } | null>(null);
  async function submit(event: FormEvent) {
    event.preventDefault();
    setOutcome(null);
    if (chosen === current?.organizationId) {
      setOutcome({
        ok: false,
        message: `You already act for ${current.organizationName}. Choose another organization.`,
      });
      return;
    }
    try {
      await switchOrganization(chosen);
      // Shown by the page: this panel starts afresh for the organization now acted for.
      onSwitched(
        `You now act for ${memberships.find((m) => m.organizationId === chosen)?.organizationName ?? 'the organization you chose'}.`,
      );
    } catch (error) {
      setOutcome({ ok: false, message: explain(error) });
    }
  }
  return (
    <section aria-labelledby="organizations-heading" className="panel">
      <h2 id="organizations-heading">Your organizations</h2>
      <p>
        You act for {memberships.length} organizations, one at a time: your rights are those of your contact types in
        the one you act for.
      </p>
      {outcome && !outcome.ok && <ErrorMessage>{outcome.message}</ErrorMessage>}
      <form onSubmit={submit} noValidate className="toolbar">
        <div className="field field-inline">
          <label htmlFor="act-for">Act for</label>
          <select id="act-for" value={chosen} onChange={(e) => setChosen(e.target.value)}>
            {memberships.map((m) => (
              <option key={m.organizationId} value={m.organizationId}>
                {m.organizationName}
                {m.current ? ' (now)' : ''}
              </option>
            ))}
          </select>
        </div>
        <button type="submit" className="button">
          Switch organization
        </button>
      </form>
    </section>
  );
}

/**
 * Second factor: set up an authenticator app, confirm it with a code, keep recovery codes. Every
 * start of an app and every set of new codes needs the step-up proof above it: a session left
 * open is not enough to take the login's factors over.
 */
function SecondFactorPanel({
  enabled,
  hasPasskey,
  userName,
  stepUp,
  onChanged,
}: {
  enabled: boolean;
  hasPasskey: boolean;
  userName?: string;
  stepUp: StepUp;
  onChanged: () => void;
}) {
  const [enrolment, setEnrolment] = useState<TotpEnrolment | null>(null);
  const [code, setCode] = useState('');
  const [problem, setProblem] = useState<string[]>([]);
  const [codes, setCodes] = useState<string[] | null>(null);
  const [failure, setFailure] = useState<string | null>(null);
  const [removed, setRemoved] = useState<string | null>(null);

  /** Run a change with the proof (typed, or a passkey's answer); a refused proof is said as such. */
  async function withProof(change: (proof: StepUpProof) => Promise<void>) {
    setFailure(null);
    setCodes(null);
    setRemoved(null);
    try {
      const given = await stepUp.proof();
      if (!given) return;
      await change(given);
      stepUp.clear();
    } catch (error) {
      setFailure(stepUp.refusal(error) ?? explain(error));
    }
  }
  const start = () =>
    withProof(async (given) => {
      setEnrolment((await request(StartTotpEnrolmentDocument, given)).startTotpEnrolment);
    });
  const regenerate = () =>
    withProof(async (given) => {
      setCodes((await request(RegenerateRecoveryCodesDocument, given)).regenerateRecoveryCodes.codes);
    });

  async function confirm(event: FormEvent) {
    event.preventDefault();
    setFailure(null);
    const typed = code.replace(/\s+/g, '');
    setProblem(typed ? [] : ['Enter the 6-digit code your authenticator app shows now.']);
    if (!typed) return;
    try {
      setCodes((await request(ConfirmTotpEnrolmentDocument, { code: typed })).confirmTotpEnrolment.codes);
      setEnrolment(null);
      setCode('');
      onChanged();
    } catch (error) {
      // A wrong code names its field; anything else (an ended session, the network) is explained as usual.
      setFailure(error instanceof ApiError && !!error.fields.code ? WRONG_CODE : explain(error));
    }
  }

  return (
    <section aria-labelledby="second-factor-heading" className="panel">
      <h2 id="second-factor-heading">Second factor</h2>
      {removed && <Notice focus>{removed}</Notice>}
      {failure && <ErrorMessage>{failure}</ErrorMessage>}
      {codes && <RecoveryCodeList codes={codes} userName={userName} />}
      {enrolment ? (
        <TotpSetupForm
          enrolment={enrolment}
          code={code}
          onCode={setCode}
          problem={problem}
          onSubmit={confirm}
          onCancel={() => setEnrolment(null)}
        />
      ) : (
        <>
          <p>
            {enabled
              ? 'Sign-in asks for a code from your authenticator app after your password.'
              : 'Protect your login with a code from an authenticator app on your phone, asked after your password.'}
          </p>
          <div className="actions">
            {enabled && (
              <button type="button" className="button button-secondary" onClick={() => void regenerate()}>
                New recovery codes
              </button>
            )}
            <button
              type="button"
              className={enabled ? 'button button-secondary' : 'button'}
              onClick={() => void start()}
            >
              {enabled ? 'Set up a new authenticator app' : 'Set up an authenticator app'}
            </button>
          </div>
          {enabled && (
            <RemoveAuthenticator
              stepUp={stepUp}
              hasPasskey={hasPasskey}
              onRemoved={(outcome) => {
                setRemoved(outcome);
                onChanged();
              }}
            />
          )}
        </>
      )}
    </section>
  );
}

/**
 * What the server does: every refresh token of the login (in every organization it acts for)
 * stops working at once, and its access tokens are revoked, so other browsers and devices are
 * refused at their next step. Factors and password stay as they are.
 */
const EVERYWHERE_EFFECT =
  'Every session of your login ends at once, on every browser and device and in every organization you act for, this one included.';
const EVERYWHERE_KEEPS = 'It does not remove your passkeys or authenticator app, nor change your password.';

function SignOutEverywhere() {
  const navigate = useNavigate();
  const [failure, setFailure] = useState<string | null>(null);
  const [confirming, setConfirming] = useState(false);
  async function signOutEverywhere() {
    setConfirming(false);
    setFailure(null);
    try {
      await request(SignOutEverywhereDocument, {});
      await signOut();
      const state: SignInState = {
        notice:
          'You are signed out everywhere. Every session of your login has ended, on every browser and device. Your password, passkeys and authenticator app are unchanged: if someone else may have signed in, change your password and remove any passkey you do not recognise.',
      };
      navigate('/sign-in', { state });
    } catch (error) {
      setFailure(explain(error));
    }
  }
  return (
    <section aria-labelledby="everywhere-heading" className="panel">
      <h2 id="everywhere-heading">Sign out everywhere</h2>
      <p>
        {EVERYWHERE_EFFECT} Use it when you signed in on a computer that is not yours, or lost a device.{' '}
        {EVERYWHERE_KEEPS} Do that above if someone else may know them.
      </p>
      {failure && <ErrorMessage>{failure}</ErrorMessage>}
      <div className="actions">
        <button type="button" className="button button-warning" onClick={() => setConfirming(true)}>
          Sign out everywhere
        </button>
      </div>
      {confirming && (
        <ConfirmDialog
          question="Sign out everywhere?"
          detail={`${EVERYWHERE_EFFECT} ${EVERYWHERE_KEEPS}`}
          confirm="Sign out everywhere"
          onConfirm={() => void signOutEverywhere()}
          onCancel={() => setConfirming(false)}
        />
      )}
    </section>
  );
}

/** The proof every change of factors needs, and the two panels that change them. */
function StepUpSection({
  kinds,
  userName,
  onChanged,
}: {
  kinds: readonly string[];
  userName?: string;
  onChanged: () => void;
}) {
  const stepUp = useStepUpProof(kinds);
  return (
    <>
      {stepUp.field}
      <SecondFactorPanel
        enabled={kinds.includes('TOTP')}
        hasPasskey={kinds.includes('PASSKEY')}
        userName={userName}
        stepUp={stepUp}
        onChanged={onChanged}
      />
      <PasskeysPanel stepUp={stepUp} onChanged={onChanged} />
    </>
  );
}

/** `/account`: the person's own login, what happened to it, and what they can do about it. */
export function AccountPage() {
  const [notice] = useNotice();
  const [switched, setSwitched] = useState<string | null>(null);
  const [page, setPage] = useState(1);
  const session = useSession();
  // Loaded again when the session acts for another organization.
  const account = useQuery(
    MyAccountDocument,
    { page, pageSize: EVENTS_PER_PAGE },
    session.status === 'signed-in' ? session.actingAs : 0,
  );
  const me = account.data?.me;
  const who = me?.contact
    ? `${me.contact.fullName}, ${me.organization?.displayName ?? ''}`
    : me?.staff
      ? `${me.staff.displayName} (${me.staff.email}), pension system staff`
      : '';

  return (
    <Page title="My account" wide>
      {notice && <Notice>{notice}</Notice>}
      {switched && <Notice>{switched}</Notice>}
      {account.status === 'loading' && <p role="status">Loading your account…</p>}
      {account.status === 'failed' && (
        <ErrorMessage>
          <p>{explain(account.error)}</p>
          <button type="button" className="button button-secondary" onClick={account.reload}>
            Try again
          </button>
        </ErrorMessage>
      )}
      {me && (
        <>
          <p className="lead">Signed in as {who}</p>
          {me.memberships.length > 1 && (
            <OrganizationSwitch
              key={me.memberships.find((m) => m.current)?.organizationId}
              memberships={me.memberships}
              onSwitched={setSwitched}
            />
          )}
          {me.selfService ? (
            <SelfServiceDetails account={me.selfService} />
          ) : (
            <p>Staff logins have no Self Service Details.</p>
          )}
          {me.kind === 'CONTACT' && (
            <SecurityEvents events={me.securityEvents} myId={me.contact?.id} onPage={setPage} />
          )}
          <ChangePasswordForm onChanged={account.reload} />
          <StepUpSection
            kinds={me.secondFactorKinds}
            userName={me.selfService?.userName ?? me.staff?.email}
            onChanged={account.reload}
          />
          <SignOutEverywhere />
        </>
      )}
    </Page>
  );
}
