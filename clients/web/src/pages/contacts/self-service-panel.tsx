import { useEffect, useState, type FormEvent } from 'react';
import { explain } from '../../api/api-error';
import { request } from '../../api/graphql-client';
import { can, type Me } from '../../api/use-me';
import { ErrorMessage, Notice } from '../../components/messages';
import { failureName, secondFactorName, statusName, when } from '../../format';
import {
  ContactInternalMessageDocument,
  ReEnrollContactDocument,
  ResetSecondFactorsContactDocument,
  RegisterContactDocument,
  SaveSelfServiceMessagesDocument,
  UnlockContactDocument,
  WithdrawInternetAccessDocument,
  type SelfServiceAction,
  type SelfServiceDetailsFragment,
} from '../../graphql/generated';
import { AssistedResetForm } from './assisted-reset-form';
import { ConfirmDialog } from './confirm-dialog';
import { reachabilityText } from './email-reachability';

const yesNo = (value: boolean) => (value ? 'Y' : 'N');

/**
 * An approved request for internet access stays until an administrator withdraws it: the
 * button shows for those who decide requests (the organization's Administrators, staff).
 */
function WithdrawInternetAccess({ contactId, onWithdrawn }: { contactId: string; onWithdrawn: () => void }) {
  const [asking, setAsking] = useState(false);
  const [failure, setFailure] = useState<string | null>(null);
  async function withdraw() {
    setAsking(false);
    setFailure(null);
    try {
      await request(WithdrawInternetAccessDocument, { contactId });
      onWithdrawn();
    } catch (error) {
      setFailure(explain(error));
    }
  }
  return (
    <>
      {failure && <ErrorMessage>{failure}</ErrorMessage>}
      <div className="toolbar">
        <button type="button" className="button button-secondary" onClick={() => setAsking(true)}>
          Withdraw Internet Access
        </button>
      </div>
      {asking && (
        <ConfirmDialog
          question="Are you sure you want to withdraw internet access?"
          detail="The contact's next sign-in or session renewal from the internet is refused, and the contact is emailed."
          onConfirm={() => void withdraw()}
          onCancel={() => setAsking(false)}
        />
      )}
    </>
  );
}

/** The panel's buttons: the job aid's words (and the ESR second-factor reset), its question, what happens, and who may press it. */
const BUTTONS: Record<
  SelfServiceAction,
  { label: string; question: string; right: string; done: (userName: string) => string }
> = {
  REGISTER: {
    label: 'Register',
    question: 'Are you sure you want to register?',
    right: 'SELF_SERVICE_REGISTRATION',
    done: (u) => `Registered. ${u} was emailed a temporary password, valid for 24 hours.`,
  },
  UNLOCK: {
    label: 'Unlock',
    question: 'Are you sure you want to unlock?',
    right: 'SELF_SERVICE_RESET',
    done: (u) => `Unlock started. ${u} was emailed a link to finish unlocking within 24 hours.`,
  },
  RE_ENROLL: {
    label: 'Re-Enroll',
    question: 'Are you sure you want to re-enroll?',
    right: 'SELF_SERVICE_RESET',
    done: (u) =>
      `Re-enrolled. ${u} was emailed a new temporary password, valid for 24 hours; the old password no longer works.`,
  },
  RESET_SECOND_FACTORS: {
    label: 'Reset Second Factors',
    question: 'Are you sure you want to reset the second factors?',
    right: 'SELF_SERVICE_RESET',
    done: (u) =>
      `Second factors removed. ${u} was emailed; they sign in with their password alone until they set up a new authenticator app.`,
  },
};
/** Each button's mutation; every one answers with the panel as it is now. */
const PRESS: Record<SelfServiceAction, (contactId: string) => Promise<SelfServiceDetailsFragment>> = {
  REGISTER: async (contactId) => (await request(RegisterContactDocument, { contactId })).register,
  RE_ENROLL: async (contactId) => (await request(ReEnrollContactDocument, { contactId })).reEnroll,
  UNLOCK: async (contactId) => (await request(UnlockContactDocument, { contactId })).unlock,
  RESET_SECOND_FACTORS: async (contactId) =>
    (await request(ResetSecondFactorsContactDocument, { contactId })).resetSecondFactors,
};
// The job aid's order: Unlock before Re-Enroll.
const ORDER: SelfServiceAction[] = ['REGISTER', 'UNLOCK', 'RE_ENROLL', 'RESET_SECOND_FACTORS'];

function StaffMessages({
  contactId,
  externalMessage,
  onSaved,
}: {
  contactId: string;
  externalMessage: string | null;
  onSaved: () => void;
}) {
  const [internal, setInternal] = useState('');
  const [external, setExternal] = useState(externalMessage ?? '');
  const [outcome, setOutcome] = useState<string | null>(null);
  const [failure, setFailure] = useState<string | null>(null);
  useEffect(() => {
    request(ContactInternalMessageDocument, { id: contactId }).then(
      (r) => setInternal(r.contact?.selfService?.internalMessage ?? ''),
      () => undefined,
    );
  }, [contactId]);
  async function save(event: FormEvent) {
    event.preventDefault();
    setOutcome(null);
    setFailure(null);
    try {
      await request(SaveSelfServiceMessagesDocument, {
        contactId,
        internalMessage: internal.trim() || null,
        externalMessage: external.trim() || null,
      });
      setOutcome('Messages saved.');
      onSaved();
    } catch (error) {
      setFailure(explain(error));
    }
  }
  return (
    <form onSubmit={save} noValidate className="messages-form">
      {outcome && <Notice>{outcome}</Notice>}
      {failure && <ErrorMessage>{failure}</ErrorMessage>}
      <div className="field">
        <label htmlFor={`internal-${contactId}`}>Internal Message</label>
        <p className="hint" id={`internal-${contactId}-hint`}>
          Staff only: the contact and its administrators never see it.
        </p>
        <textarea
          id={`internal-${contactId}`}
          aria-describedby={`internal-${contactId}-hint`}
          value={internal}
          onChange={(e) => setInternal(e.target.value)}
          rows={2}
        />
      </div>
      <div className="field">
        <label htmlFor={`external-${contactId}`}>External Message</label>
        <p className="hint" id={`external-${contactId}-hint`}>
          Shown to the contact and to its organization's administrators.
        </p>
        <textarea
          id={`external-${contactId}`}
          aria-describedby={`external-${contactId}-hint`}
          value={external}
          onChange={(e) => setExternal(e.target.value)}
          rows={2}
        />
      </div>
      <div className="actions">
        <button type="submit" className="button button-secondary">
          Save messages
        </button>
      </div>
    </form>
  );
}

/** The Self Service Details panel with Register, Re-Enroll and Unlock, each shown only when it applies and confirmed first. */
export function SelfServicePanel(props: {
  contactId: string;
  /** Named in the confirmation, so the person knows whom OK acts on. */
  contactName: string;
  actions: SelfServiceAction[];
  account: SelfServiceDetailsFragment | null;
  reachability?: Parameters<typeof reachabilityText>[0];
  me: Me;
  onChanged: () => void;
}) {
  const { contactId, contactName, actions, account, reachability, me, onChanged } = props;
  const [asking, setAsking] = useState<SelfServiceAction | null>(null);
  const [done, setDone] = useState<string | null>(null);
  // Each outcome is a new message that takes focus: the pressed button may be gone with what it did.
  const [outcomes, setOutcomes] = useState(0);
  const [failure, setFailure] = useState<string | null>(null);
  const staff = me.kind === 'STAFF';
  // A pending unlock link: the panel says when it went, rather than offering Unlock again.
  const unlockSent = account?.status === 'LOCKED' ? account.unlockLinkSentAt : null;
  const buttons = ORDER.filter(
    (a) => actions.includes(a) && can(me, BUTTONS[a].right, 'EDIT') && !(a === 'UNLOCK' && unlockSent),
  );
  // The panel's moment: it is shown again (and so read anew) whenever the contact is opened.
  const [openedAt] = useState(() => Date.now());
  const temporaryExpired =
    !!account?.temporaryPasswordSet &&
    !!account.temporaryPasswordExpiresAt &&
    new Date(account.temporaryPasswordExpiresAt).getTime() < openedAt;
  // The person's login, open or locked (or waiting for its first password), whatever the email:
  // whoever may re-enroll may give the code (the API bounds the reset-only role further).
  const [assisting, setAssisting] = useState(false);
  const assists = account !== null && account.status !== 'DISABLED' && can(me, 'SELF_SERVICE_RESET', 'EDIT');

  async function press(action: SelfServiceAction) {
    setAsking(null);
    setDone(null);
    setFailure(null);
    try {
      const panel = await PRESS[action](contactId);
      setDone(BUTTONS[action].done(panel.userName));
      setOutcomes((n) => n + 1);
      onChanged();
    } catch (error) {
      setOutcomes((n) => n + 1);
      setFailure(explain(error));
    }
  }

  const rows: [string, string | number][] = account
    ? [
        ['User Name (Email ID)', account.userName],
        ['ESS ID', account.essId],
        [
          'Status',
          unlockSent
            ? `${statusName(account.status)}: unlock link sent at ${when(unlockSent, '')}`
            : statusName(account.status),
        ],
        ['Password Last Changed', when(account.passwordLastChanged, '')],
        ['Last Successful Login', when(account.lastSuccessfulLogin, '')],
        ['Previous Login', when(account.previousLogin, '')],
        ['Successful Login Attempts', account.successfulLoginAttempts],
        ['Total No Of Unsuccessful Attempts', account.totalUnsuccessfulAttempts],
        ['No of Unsuccessful Attempts Since Last Success', account.unsuccessfulAttemptsSinceLastSuccess],
        ['Enrollment Completed', yesNo(account.enrollmentCompleted)],
        ['Email Reachability', reachabilityText(reachability)],
        // The seeds' "Entrust OTP" is the temporary password Register and Re-Enroll mail (its
        // value is never shown); the second factor has rows of its own (a decision of the second-factor work).
        [
          'Is OTP Set',
          temporaryExpired ? 'Temporary password expired: Re-Enroll' : yesNo(account.temporaryPasswordSet),
        ],
        ['OTP Expiry Date', when(account.temporaryPasswordExpiresAt, '')],
        ['Password Exp Flag', yesNo(account.passwordExpired)],
        ['Is Reenrolled Set', yesNo(account.reenrolled)],
        ['Second Factor Set', yesNo(account.secondFactorSet)],
        ['Second Factors', account.secondFactorKinds.map(secondFactorName).join(', ')],
        ['Second Factor Unsuccessful Attempts', account.secondFactorUnsuccessfulAttempts],
        [
          'Last Authentication Failure',
          account.lastAuthenticationFailure ? failureName(account.lastAuthenticationFailure) : '',
        ],
        [
          'Internet Access Granted',
          account.internetAccessGrant
            ? `By ${account.internetAccessGrant.decidedByName ?? 'an administrator'}, ${when(account.internetAccessGrant.decidedAt, '')}`
            : '',
        ],
        ['External Message', account.externalMessage ?? ''],
      ]
    : [];

  return (
    <section aria-labelledby="self-service-heading" className="panel">
      <h2 id="self-service-heading">Self Service Details</h2>
      {done && (
        <Notice key={outcomes} focus>
          {done}
        </Notice>
      )}
      {failure && <ErrorMessage key={outcomes}>{failure}</ErrorMessage>}
      {unlockSent && (
        <p className="hint">
          Unlock link sent at {when(unlockSent, '')}. The login stays locked until the contact follows the link (it
          works for 24 hours); Re-Enroll sends a new temporary password instead.
        </p>
      )}
      {(buttons.length > 0 || assists) && (
        <div className="toolbar">
          {buttons.map((action) => (
            <button key={action} type="button" className="button" onClick={() => setAsking(action)}>
              {BUTTONS[action].label}
            </button>
          ))}
          {assists && !assisting && (
            <button
              type="button"
              className="button button-secondary"
              onClick={() => {
                setDone(null);
                setAssisting(true);
              }}
            >
              Assisted reset
            </button>
          )}
        </div>
      )}
      {assisting && account && (
        <AssistedResetForm
          contactId={contactId}
          userName={account.userName}
          onDone={() => {
            setAssisting(false);
            onChanged();
          }}
        />
      )}
      {asking && (
        <ConfirmDialog
          question={BUTTONS[asking].question}
          detail={`${contactName}: ${
            asking === 'UNLOCK'
              ? 'gets an email with a link to finish unlocking within 24 hours.'
              : asking === 'RESET_SECOND_FACTORS'
                ? "the login's authenticator app and recovery codes stop working, its sessions end, and the contact is emailed."
                : 'gets an email with a temporary password, valid for 24 hours.'
          }`}
          onConfirm={() => void press(asking)}
          onCancel={() => setAsking(null)}
        />
      )}
      {account ? (
        <dl className="details">
          {rows.map(([term, value]) => (
            <div key={term}>
              <dt>{term}</dt>
              <dd>{value === '' ? '—' : value}</dd>
            </div>
          ))}
        </dl>
      ) : (
        <p>
          Email Reachability: {reachabilityText(reachability)}. No self-service login yet.
          {buttons.includes('REGISTER') ? ' Register sends the contact an email with a temporary password.' : ''}
        </p>
      )}
      {account?.internetAccessGrant && can(me, 'ORGANIZATION_DETAILS', 'EDIT') && (
        <WithdrawInternetAccess
          contactId={contactId}
          onWithdrawn={() => {
            setDone('Internet access withdrawn. The contact was emailed.');
            onChanged();
          }}
        />
      )}
      {staff && account && (
        <StaffMessages
          key={contactId}
          contactId={contactId}
          externalMessage={account.externalMessage}
          onSaved={onChanged}
        />
      )}
    </section>
  );
}
