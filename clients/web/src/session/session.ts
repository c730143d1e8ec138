import { ApiError, type GraphQLErrorBody } from '../api/api-error';
import type { ContactType } from '../graphql/generated';
import { spokenDuration } from '../format';
import { forgetDrafts } from './drafts';

/**
 * The signed-in session of this tab. The access token lives in this module's memory only: not in
 * storage, not in a cookie, gone with the page. The refresh token never reaches the page: the
 * gateway keeps it in an HttpOnly cookie (gateway/src/session-cookie.ts), and a reload or an
 * expiring access token asks `/session/refresh` for a new access token.
 */
export type SessionState =
  | { status: 'starting' }
  /** `ended`: why a session this page held ended without the person signing out here. */
  | { status: 'signed-out'; ended?: string }
  /** `actingAs` changes when the token acts for another organization (or person): pages load again. */
  | { status: 'signed-in'; passwordChangeRequired: boolean; actingAs: number };

interface IssuedAccess {
  accessToken: string;
  expiresIn: number;
  passwordChangeRequired: boolean;
  /** The gateway's SESSION_IDLE_TIMEOUT_SECONDS: how long the page may sit unused. */
  idleTimeoutSeconds?: number;
}

/** A person of several organizations chooses one after the password (DESIGN.md section 6). */
export interface OrganizationChoice {
  choiceToken: string;
  /** Each with the person's contact types there: the chooser shows what each choice allows. */
  organizations: { organizationId: string; organizationName: string; contactTypes: ContactType[] }[];
}

/** A person with a second factor gives a code after the password. */
export interface SecondFactorStep {
  challenge: string;
  /** TOTP, PASSKEY, RECOVERY_CODES: what the second step accepts. */
  kinds: string[];
  /** JSON options for the passkey ceremony (navigator.credentials.get), when the person has passkeys. */
  passkeyOptions: string | null;
}

/**
 * A second factor is required and there is none (the organization's rule, or a staff login in
 * production): the password step gives only this challenge (15 minutes), which sets one up.
 */
export interface EnrolmentStep {
  enrolmentChallenge: string;
}

/**
 * Every proof was right, but the organization allows its internal network only and the person is
 * on the internet: no session, a token (15 minutes) that files a request for internet access.
 */
export interface InternetAccessStep {
  internetAccessRequestToken: string;
}

let token: string | null = null;
let state: SessionState = { status: 'starting' };
let renewal: ReturnType<typeof setTimeout> | undefined;
const listeners = new Set<() => void>();

function publish(next: SessionState) {
  state = next;
  for (const listener of listeners) listener();
}

export const accessToken = () => token;
export const sessionState = () => state;
export function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/** The gateway's session routes want JSON and this header: a page of another site can send neither. */
/** What the session routes answer: an access token, or (sign-in only) the organizations to choose from. */
type SessionAnswer = IssuedAccess &
  Partial<OrganizationChoice> & {
    organizationChoiceRequired?: boolean;
    secondFactorRequired?: boolean;
    secondFactorChallenge?: string;
    secondFactorKinds?: string[];
    secondFactorPasskeyOptions?: string | null;
    secondFactorEnrolmentRequired?: boolean;
    secondFactorEnrolmentChallenge?: string;
    recoveryCodes?: string[];
    internetAccessRequestToken?: string;
  };

/** What a sign-in step leads to: signed in, a second factor to give, or an organization to choose. */
export type SignInOutcome = SessionState | SecondFactorStep | OrganizationChoice | EnrolmentStep | InternetAccessStep;

function outcomeOf(answer: SessionAnswer | null): SignInOutcome {
  if (answer?.internetAccessRequestToken) return { internetAccessRequestToken: answer.internetAccessRequestToken };
  if (answer?.secondFactorRequired && answer.secondFactorChallenge)
    return {
      challenge: answer.secondFactorChallenge,
      kinds: answer.secondFactorKinds ?? [],
      passkeyOptions: answer.secondFactorPasskeyOptions ?? null,
    };
  if (answer?.secondFactorEnrolmentRequired && answer.secondFactorEnrolmentChallenge)
    return { enrolmentChallenge: answer.secondFactorEnrolmentChallenge };
  if (answer?.organizationChoiceRequired && answer.choiceToken)
    return { choiceToken: answer.choiceToken, organizations: answer.organizations ?? [] };
  accept(answer, true);
  return state;
}

async function post(path: string, body: unknown = {}, bearer?: string | null): Promise<SessionAnswer | null> {
  let response: Response;
  try {
    response = await fetch(path, {
      method: 'POST',
      credentials: 'same-origin',
      headers: {
        'content-type': 'application/json',
        'x-requested-by': 'web-app',
        ...(bearer ? { authorization: `Bearer ${bearer}` } : {}),
      },
      body: JSON.stringify(body),
    });
  } catch {
    throw ApiError.unreachable();
  }
  if (response.status === 204) return null;
  let answer: SessionAnswer & { errors?: GraphQLErrorBody[] };
  try {
    answer = (await response.json()) as SessionAnswer & { errors?: GraphQLErrorBody[] };
  } catch {
    throw new ApiError(
      `The server answered ${response.status}.`,
      response.status >= 500 ? 'SERVICE_UNAVAILABLE' : 'INTERNAL_SERVER_ERROR',
    );
  }
  if (!response.ok || answer.errors) throw ApiError.from(answer.errors, response.status);
  return answer;
}

/** Whose session ended elsewhere: the drafts it left are handed back to the same person only. */
let endedFor: string | null = null;

/** The person and organization a token acts for (its payload is not secret: the page holds the token). */
function actorOf(accessToken: string | null): string | null {
  try {
    const payload = accessToken?.split('.')[1]?.replace(/-/g, '+').replace(/_/g, '/');
    const claims = payload ? (JSON.parse(atob(payload)) as { sub?: string; org?: string }) : null;
    return claims?.sub ? `${claims.sub}/${claims.org ?? ''}` : null;
  } catch {
    return null;
  }
}

/** Why a session ended, in the words of "You were signed out (…)". */
const ENDED: Record<string, string> = {
  SESSION_EXPIRED: 'your session reached its time limit',
  FORBIDDEN: 'your access to this organization changed',
  UNAUTHENTICATED: 'your session was ended, on another device or by a change of password',
};

function signedOut(ended?: string) {
  endedFor = ended ? actorOf(token) : null;
  if (!ended) forgetDrafts();
  token = null;
  clearTimeout(renewal);
  publish(ended ? { status: 'signed-out', ended } : { status: 'signed-out' });
}

let actingAs = 0;
let idleLimit = 1800;

/** How long a signed-in page may sit without a keystroke or click before it signs out (seconds). */
export const idleTimeoutSeconds = () => idleLimit;

function accept(issued: IssuedAccess | null, newIdentity = false) {
  if (!issued) return;
  if (newIdentity) actingAs++;
  if (endedFor !== null && actorOf(issued.accessToken) !== endedFor) forgetDrafts();
  endedFor = null;
  token = issued.accessToken;
  if (issued.idleTimeoutSeconds) idleLimit = issued.idleTimeoutSeconds;
  clearTimeout(renewal);
  // Renew before it expires: at four fifths of its lifetime (12 of 15 minutes by default).
  renewal = setTimeout(() => void refresh().catch(() => undefined), Math.max(5, issued.expiresIn * 0.8) * 1000);
  publish({ status: 'signed-in', passwordChangeRequired: issued.passwordChangeRequired, actingAs });
}

/**
 * Tabs share the cookie, and a refresh token works once: two tabs refreshing at the same moment
 * would present the same token twice, which the server treats as theft (and ends the session).
 * The Web Locks API makes the tabs of this site take turns.
 */
function oneAtATime<T>(work: () => Promise<T>): Promise<T> {
  return navigator.locks ? (navigator.locks.request('ecg-session-refresh', work) as Promise<T>) : work();
}

let refreshing: Promise<boolean> | null = null;
/** A sign-out is on its way (endSession): no refresh may start. */
let signingOut = false;

/** The refresh answers that mean the session is over (not that the server is away). */
const ENDS_SESSION = new Set(['UNAUTHENTICATED', 'FORBIDDEN', 'SESSION_EXPIRED']);

/** A new access token from the refresh cookie: true when signed in, false when not (any more). */
export function refresh(): Promise<boolean> {
  if (signingOut) return Promise.resolve(false);
  refreshing ??= oneAtATime(async () => {
    try {
      const issued = await post('/session/refresh');
      // A sign-out began meanwhile: it stands (it waits for this refresh, then logs out).
      if (signingOut) return false;
      accept(issued);
      return true;
    } catch (error) {
      if (error instanceof ApiError && ENDS_SESSION.has(error.code)) {
        // Already signed out (a refresh that crossed a sign-out here): the reason given stays.
        if (state.status === 'signed-in') signedOut(ENDED[error.code]);
        else if (state.status === 'starting') signedOut();
        return false;
      }
      // The server is unreachable for now: keep the page as it is and try again shortly.
      if (state.status === 'starting') publish({ status: 'signed-out' });
      else renewal = setTimeout(() => void refresh().catch(() => undefined), 15_000);
      throw error;
    }
  }).finally(() => {
    refreshing = null;
  });
  return refreshing;
}

/** Sign in: signed in, or (for a person of several organizations) the organizations to choose from. */
export async function signIn(userName: string, password: string): Promise<SignInOutcome> {
  return outcomeOf(await post('/session/login', { userName, password }));
}

/** An assisted reset: the code an administrator read out and a new password; then on as after a sign-in. */
export async function completeAssistedReset(
  userName: string,
  code: string,
  newPassword: string,
): Promise<SignInOutcome> {
  return outcomeOf(await post('/session/assisted-reset', { userName, code, newPassword }));
}

/** The second step: a code of the authenticator app, or one recovery code. */
export async function verifySecondFactor(
  step: SecondFactorStep,
  answer: { code?: string; recoveryCode?: string; passkey?: string },
): Promise<SignInOutcome> {
  return outcomeOf(await post('/session/second-factor', { challenge: step.challenge, ...answer }));
}

/**
 * Confirm the required enrolment with the authenticator app's first code: the recovery codes (to
 * show once) and where the sign-in goes on (signed in, or the organizations to choose from).
 */
export async function confirmEnrolment(
  step: EnrolmentStep,
  code: string,
): Promise<{ recoveryCodes: string[]; outcome: SignInOutcome }> {
  const answer = await post('/session/second-factor-enrolment', { challenge: step.enrolmentChallenge, code });
  return { recoveryCodes: answer?.recoveryCodes ?? [], outcome: outcomeOf(answer) };
}

/** A passkey alone: the ceremony's token and the browser's answer (JSON); signed in, or the organizations to choose from. */
export async function signInWithPasskey(ceremonyToken: string, response: string): Promise<SignInOutcome> {
  return outcomeOf(await post('/session/passkey', { token: ceremonyToken, response }));
}

/**
 * The organization chosen after signing in: a session that acts for it, or (it allows its own
 * network only, and the person is on the internet) the token to ask for internet access there.
 */
export async function chooseOrganization(
  choice: OrganizationChoice,
  organizationId: string,
): Promise<SessionState | InternetAccessStep> {
  const answer = await post('/session/organization', { organizationId, choiceToken: choice.choiceToken });
  if (answer?.internetAccessRequestToken) return { internetAccessRequestToken: answer.internetAccessRequestToken };
  accept(answer, true);
  return state;
}

/** Act for another of one's organizations, without the password; the session of the one left ends. */
export async function switchOrganization(organizationId: string): Promise<void> {
  accept(await post('/session/switch', { organizationId }, token), true);
}

/** Change one's own password: the server ends every other session and starts a new one here. */
export async function changePassword(currentPassword: string, newPassword: string): Promise<void> {
  accept(await post('/session/password', { currentPassword, newPassword }, token));
}

/** A refresh in flight would set its new cookie after the sign-out cleared it: let it land first. */
const refreshSettled = () => (refreshing ?? Promise.resolve()).catch(() => undefined);

export const signOut = (): Promise<void> => endSession();

/**
 * Nobody used the site for the idle timeout: the session ends as a sign-out does, and Sign In
 * says why (an unsaved form's draft is kept for the same person, as when a session ends elsewhere).
 */
export const signOutIdle = (): Promise<void> => endSession(`you did not use the site for ${spokenDuration(idleLimit)}`);

/**
 * From its start no refresh begins, and one already on its way waits for it: a renewal falling due
 * in the same moment (a laptop opened after its lid was shut past the idle timeout) would
 * otherwise race the sign-out, and its new refresh cookie outlive it.
 */
async function endSession(ended?: string): Promise<void> {
  signingOut = true;
  try {
    await refreshSettled();
    await post('/session/logout');
  } finally {
    signingOut = false;
    signedOut(ended);
  }
}

/** On load: a reload keeps the person signed in when the cookie still holds a live refresh token. */
export function start(): void {
  void refresh().catch(() => undefined);
}
