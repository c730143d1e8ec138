import type { DataSource } from 'typeorm';
import type { ContactType, Principal } from '@ecg/policy';
import type { CredentialConfig } from '../config';
import type { Directory } from '../contact-directory/contact-directory';
import {
  invalidCredentials,
  invalidLink,
  notAMembership,
  temporaryPasswordExpired,
  wrongCode,
} from '../errors/credential-errors';
import type { SessionGate, SessionRefusal } from '../gates/session-gate';
import type { Lockout } from '../lockout/lockout';
import { consumePasskeySignInLimit, consumeSignInLimits } from '../lockout/sign-in-limits';
import { decoyHash, verifyPassword } from '../passwords/password-hasher';
import { recordVerified } from '../mail/reachability';
import { issueAccountToken } from '../person/account-events';
import { recordLoginEvent } from '../person/login-events';
import { loginEssIdOf, membershipsOf } from '../person/login-rows';
import { issueChoiceToken, spendChoiceToken } from '../person/organization-choice';
import type { SecondFactorKind, SecondFactorProof, SecondFactors } from '../second-factor/second-factors';
import { accountForSignIn } from '../person/account-for-sign-in';
import { checkAccountPassword } from '../self-service/account-password';
import { AccountSecret } from '../self-service/account-secret.entity';
import { SelfServiceAccount } from '../self-service/self-service-account.entity';
import { SelfServiceStatus } from '../self-service/self-service-status';
import type { IssuedSession, SessionFamily, Sessions } from '../sessions/sessions';
import { newFamily } from '../sessions/sessions';
import { proofField } from '../gates/proven';
import { isStaffHolder } from '../staff-logins/staff-second-factor';
import { findStaffByEmail } from '../staff-logins/staff-lockout';
import type { StaffSignIn } from '../staff/staff-sign-in';
import { normalizeUserName } from '../person/user-name';
import { withRetry } from '@ecg/infrastructure';

export { normalizeUserName } from '../person/user-name';

const { REGISTRATION_PENDING, REGISTERED } = SelfServiceStatus;

/** What a sign-in gives: a session (one membership, staff, a temporary password), or the organizations to choose from. */
export type SignInOutcome =
  | { session: IssuedSession }
  | {
      choice: {
        token: string;
        organizations: { organizationId: string; organizationName: string; contactTypes: ContactType[] }[];
      };
    }
  | { secondFactor: { token: string; kinds: SecondFactorKind[]; passkeyOptions: string | null } }
  | { enrolment: { token: string } }
  | { internetAccess: { token: string } };

/** How long the token of a sign-in refused from the internet may wait to file its request. */
export const INTERNET_REQUEST_TOKEN_MS = 15 * 60_000;

const codeOf = (error: unknown) => (error as { extensions?: { code?: string } }).extensions?.code;

export interface SignInDeps {
  dataSource: DataSource;
  config: CredentialConfig;
  directory: Directory;
  gate: SessionGate;
  sessions: Pick<Sessions, 'familyOfSession'>;
  factors: SecondFactors;
  lockout: Lockout;
  staff: StaffSignIn;
}

/**
 * A locked or disabled login whose password was right answers like a wrong password at the
 * password step: the gate's reason is for people already signed in.
 */
async function likeWrongPassword<T>(work: Promise<T>): Promise<T> {
  try {
    return await work;
  } catch (error) {
    const code = (error as { extensions?: { code?: string } }).extensions?.code;
    if (code === 'ACCOUNT_LOCKED' || code === 'ACCOUNT_DISABLED') throw invalidCredentials();
    throw error;
  }
}

/**
 * A person's sign-in: the password step, the second step, a passkey alone, the organization
 * chooser and switch. Each proof leads to the session gate, which alone issues sessions.
 */
export function signIn(deps: SignInDeps) {
  const { dataSource, config, directory, gate, factors, lockout } = deps;
  const accounts = dataSource.getRepository(SelfServiceAccount);
  const secrets = dataSource.getRepository(AccountSecret);

  /** The password step of a person: the password's hash, checked even for a name that has none. */
  async function passwordStep(name: string, password: string, clientAddress: string | undefined) {
    const account = await accountForSignIn(dataSource.manager, name, password);
    const secret = account && (await secrets.findOneBy({ essId: account.essId }));
    const hash = account?.status === REGISTRATION_PENDING ? secret?.temporaryPasswordHash : secret?.passwordHash;
    if (!account || !hash) {
      await verifyPassword(password, await decoyHash());
      if (account) await lockout.recordFailure(account.essId, clientAddress, 'PASSWORD');
      throw invalidCredentials();
    }
    if (
      !(await checkAccountPassword(
        dataSource.manager,
        account.essId,
        account.status === REGISTRATION_PENDING,
        password,
        hash,
      ))
    ) {
      await lockout.recordFailure(account.essId, clientAddress, 'PASSWORD');
      throw invalidCredentials();
    }
    return account;
  }

  /** The person proved who they are: the gate decides; a session, or the organizations to choose from. */
  async function authenticated(login: SelfServiceAccount, clientAddress: string | undefined): Promise<SignInOutcome> {
    const family = newFamily();
    const usable = await gate.choices(login, clientAddress, family);
    if (!usable.length) throw invalidCredentials();
    // One membership, or a temporary password (whose token may only change it): no choice to make.
    if (usable.length === 1 || login.status === REGISTRATION_PENDING) {
      const outcome = await sessionOrRequest(login, usable[0].membership, clientAddress, family);
      if ('session' in outcome) await lockout.recordSuccess(login.essId, clientAddress);
      return outcome;
    }
    await lockout.recordSuccess(login.essId, clientAddress);
    const names = await Promise.all(usable.map(({ membership }) => directory.organization(membership.organizationId)));
    return {
      choice: {
        token: await issueChoiceToken(dataSource.manager, login.essId),
        organizations: usable.map(({ membership, subject }, i) => ({
          organizationId: membership.organizationId,
          organizationName: names[i]?.displayName ?? '',
          contactTypes: subject.contactTypes,
        })),
      },
    };
  }

  /**
   * A session for a membership the person proved they may act for, or, when only where they are
   * refuses it, a token to ask its administrators for internet access (the only thing it allows):
   * the one-membership sign-in and the chooser answer alike.
   */
  async function sessionOrRequest(
    login: SelfServiceAccount,
    membership: SelfServiceAccount,
    clientAddress: string | undefined,
    family: SessionFamily,
  ): Promise<Extract<SignInOutcome, { session: unknown } | { internetAccess: unknown }>> {
    try {
      const session = await gate.open({
        ...{ kind: 'contact', login, membership, clientAddress, family },
        onRefused: (code) => countRefusal(login, clientAddress, code),
      });
      return { session };
    } catch (error) {
      if (codeOf(error) !== 'INTERNET_ACCESS_DISABLED') throw error;
      const token = await issueAccountToken(
        dataSource.manager,
        membership.essId,
        'INTERNET',
        INTERNET_REQUEST_TOKEN_MS,
      );
      return { internetAccess: { token } };
    }
  }

  /** A right password from where the organization does not allow sign-in counts as a failure (never a lock). */
  const countRefusal = async (login: SelfServiceAccount, clientAddress: string | undefined, code: SessionRefusal) => {
    if (code === 'INTERNET_ACCESS_DISABLED')
      await lockout.recordFailure(login.essId, clientAddress, 'NO_INTERNET_ACCESS');
  };

  /** The login and its membership in `organizationId`; NOT_FOUND when there is none. */
  async function membershipIn(loginEssId: number, organizationId: string) {
    const login = await accounts.findOneBy({ essId: loginEssId });
    // A temporary password's session acts for one organization only, to change it.
    if (!login || login.status === REGISTRATION_PENDING) throw notAMembership();
    const membership = (await membershipsOf(dataSource.manager, login.essId)).find(
      (m) => m.organizationId === organizationId,
    );
    if (!membership) throw notAMembership();
    return { login, membership };
  }

  /**
   * The password step and what follows it, the sign-in budgets already spent: by `login`, or by a
   * flow that spent them for its own proof in the same request (an assisted reset's code).
   */
  async function passwordSignIn(
    userName: string,
    password: string,
    clientAddress: string | undefined,
  ): Promise<SignInOutcome> {
    const name = normalizeUserName(userName);
    const staffAccount = await findStaffByEmail(dataSource, name);
    if (staffAccount) return deps.staff.passwordStep(staffAccount, password, clientAddress);
    const account = await passwordStep(name, password, clientAddress);
    // The password was right: the gate's login rules (lock, status, a required second factor).
    const next = await likeWrongPassword(
      gate.afterProof({ kind: 'contact', login: account, membership: account, clientAddress, family: newFamily() }),
    );
    const expiry = account.temporaryPasswordExpiresAt;
    if (account.status === REGISTRATION_PENDING && expiry && expiry.getTime() <= Date.now()) {
      await lockout.recordFailure(account.essId, clientAddress, 'EXPIRED_TEMPORARY_PASSWORD');
      throw temporaryPasswordExpired();
    }
    // A right temporary password came by mail: the address reaches its owner.
    if (account.status === REGISTRATION_PENDING) await recordVerified(dataSource.manager, account.userName);
    // A second factor: no session yet, and no success recorded either, so the password alone
    // never resets the failures that a wrong code counts toward the lockout.
    if (await factors.isSet(account.essId)) {
      const token = await factors.issueChallenge(account.essId);
      const [kinds, passkeyOptions] = await Promise.all([
        factors.kindsOf(account.essId),
        factors.passkeys.secondStepOptions(account.essId, token),
      ]);
      return { secondFactor: { token, kinds, passkeyOptions } };
    }
    // Required and none yet: the only thing the password opens is setting one up (no token, no right).
    if (next === 'ENROL') return { enrolment: { token: await factors.issueChallenge(account.essId, 'ENROL') } };
    return authenticated(account, clientAddress);
  }

  return {
    /** Sign in with user name and password: the sign-in budgets (per address, per user name) first, before any hash. */
    async login(userName: string, password: string, clientAddress: string | undefined): Promise<SignInOutcome> {
      await consumeSignInLimits(dataSource, config, clientAddress, userName);
      return passwordSignIn(userName, password, clientAddress);
    },

    passwordSignIn,

    /**
     * The second step: the challenge of the password step and one proof (code, recovery code,
     * passkey). A wrong one counts toward the lockout like a wrong password and leaves the
     * challenge for the next try; the right one spends it and signs in.
     */
    async verifySecondFactor(
      challenge: string,
      proof: SecondFactorProof,
      clientAddress: string | undefined,
    ): Promise<SignInOutcome> {
      const { id, essId } = await factors.challengeLogin(challenge);
      if (isStaffHolder(essId))
        return deps.staff.secondStep({ id, token: challenge, holder: essId }, proof, clientAddress);
      const login = await accounts.findOneBy({ essId });
      if (!login) throw invalidLink();
      await consumeSignInLimits(dataSource, config, clientAddress, login.userName);
      await likeWrongPassword(
        gate.afterProof({ kind: 'contact', login, membership: login, clientAddress, family: newFamily() }),
      );
      const used = await factors.verify(essId, proof, challenge);
      if (!used) {
        await lockout.recordFailure(essId, clientAddress, 'SECOND_FACTOR');
        throw wrongCode(proofField(proof));
      }
      await factors.spendChallenge(id);
      const event = { TOTP: 'SECOND_FACTOR_USED', RECOVERY_CODE: 'RECOVERY_CODE_USED', PASSKEY: 'PASSKEY_USED' }[used];
      await withRetry(dataSource, (manager) => recordLoginEvent(manager, essId, event, clientAddress));
      return authenticated((await accounts.findOneBy({ essId })) ?? login, clientAddress);
    },

    /**
     * Sign-in with a passkey alone, for a passkey the person registered to sign in without the
     * password (its device verified who holds it). Anything else answers like a wrong password.
     */
    async signInWithPasskey(token: string, assertion: string, clientAddress: string | undefined) {
      await consumePasskeySignInLimit(dataSource, config, 'signInWithPasskey', clientAddress);
      const passkey = await factors.passkeys.finishSignIn(token, assertion);
      if (passkey && isStaffHolder(passkey.essId))
        return deps.staff.signedIn(passkey.essId, 'PASSKEY_SIGN_IN', clientAddress);
      const login = passkey && (await accounts.findOneBy({ essId: passkey.essId }));
      if (!login || login.status !== REGISTERED) throw invalidCredentials();
      await withRetry(dataSource, (manager) =>
        recordLoginEvent(manager, login.essId, 'PASSKEY_SIGN_IN', clientAddress),
      );
      return authenticated(login, clientAddress);
    },

    /** Passkey-only sign-in, first half: options naming no one, within the address's budget. */
    async startPasskeySignIn(clientAddress: string | undefined): Promise<{ token: string; options: string }> {
      await consumePasskeySignInLimit(dataSource, config, 'startPasskeySignIn', clientAddress);
      return factors.passkeys.startSignIn();
    },

    /** An enrolment that a required second factor asked for is confirmed: the sign-in it interrupted goes on. */
    async completeEnrolment(essId: number, clientAddress: string | undefined): Promise<SignInOutcome> {
      if (isStaffHolder(essId)) return deps.staff.signedIn(essId, 'SECOND_FACTOR_ENROLLED', clientAddress);
      const login = await accounts.findOneBy({ essId });
      if (!login) throw invalidCredentials();
      return authenticated(login, clientAddress);
    },

    /**
     * After a sign-in with several memberships: a session for the one the person chose, or, when
     * that organization refuses them only for where they are, the token to ask for internet access.
     */
    async chooseOrganization(
      choiceToken: string,
      organizationId: string,
      clientAddress: string | undefined,
    ): Promise<SignInOutcome> {
      const loginEssId = await spendChoiceToken(dataSource.manager, choiceToken);
      const { login, membership } = await membershipIn(loginEssId, organizationId);
      return sessionOrRequest(login, membership, clientAddress, newFamily());
    },

    /**
     * A session for another membership of the signed-in person, without the password: a new
     * family (the browser ends the one it leaves) that ends when the current one would.
     */
    async switchOrganization(principal: Principal, organizationId: string, clientAddress: string | undefined) {
      if (principal.kind !== 'contact') throw notAMembership();
      const current = await accounts.findOneBy({ contactId: principal.id });
      const family = await deps.sessions.familyOfSession(principal.sessionId);
      if (!current || !family) throw notAMembership();
      // Already signed in: a refusal for where the person is stays the error it is on refresh.
      const { login, membership } = await membershipIn(loginEssIdOf(current), organizationId);
      return gate.open({ kind: 'contact', login, membership, clientAddress, family: newFamily(family.startedAt) });
    },
  };
}

export type SignIn = ReturnType<typeof signIn>;
