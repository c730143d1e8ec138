import { GraphQLError } from 'graphql';
import { IsNull, type DataSource } from 'typeorm';
import { ErrorCode, type ContactType, type Principal } from '@ecg/policy';
import { rateLimitAddressKey, type Logger } from '@ecg/infrastructure';
import type { Directory } from '../contact-directory/contact-directory';
import { awaitsConfirmation, loginEssIdOf, membershipsOf, updateLogin } from '../person/login-rows';
import { recordLoginEvent } from '../person/login-events';
import { issueChoiceToken, spendChoiceToken } from '../person/organization-choice';
import type { ZoneOf } from '../lifecycle/network-zone';
import { lockedMails } from './locked-mail';
import { invalidCredentials } from './invalid-credentials';
import { isStaffHolder } from '../staff/staff-second-factor';
import { proofField, staffSignIn } from '../staff/staff-sign-in';
import type { CredentialConfig } from '../config';
import { decoyHash, hashPassword, verifyPassword } from '../passwords/password-hasher';
import { lockAccount, previousPasswordHashes, setPassword } from '../lifecycle/account-store';
import { assertPasswordPolicy } from '../passwords/password-policy';
import { AccountSecret } from '../self-service/account-secret.entity';
import { SelfServiceAccount } from '../self-service/self-service-account.entity';
import { SelfServiceStatus } from '../self-service/self-service-status';
import type { SessionSubject } from '../sessions/access-token';
import type { RefreshToken } from '../sessions/refresh-token.entity';
import type { IssuedSession, Sessions } from '../sessions/sessions';
import { accountForSignIn } from '../self-service/account-for-sign-in';
import { checkAccountPassword } from '../self-service/account-password';
import { checkStaffPassword } from '../staff/staff-password';
import { StaffAccount } from '../staff/staff-account.entity';
import { findStaffByEmail, recordStaffFailure, staffLocked } from '../staff/staff-lockout';
import { AccountToken } from '../lifecycle/account-token.entity';
import { hashSlots } from '../passwords/hash-slots';
import { consumeSignInLimits } from './sign-in-limits';
import { normalizeUserName } from './user-name';
import {
  wrongCode,
  type SecondFactorKind,
  type SecondFactorProof,
  type SecondFactors,
} from '../second-factor/second-factors';
import { invalidLink } from '../lifecycle/lifecycle-deps';

export { invalidCredentials } from './invalid-credentials';

export { normalizeUserName } from './user-name';

const { REGISTRATION_PENDING, REGISTERED, LOCKED, DISABLED } = SelfServiceStatus;
export function signIn(
  dataSource: DataSource,
  config: CredentialConfig,
  sessions: Sessions,
  directory: Directory,
  zoneOf: ZoneOf,
  factors: SecondFactors,
  logger: Logger,
) {
  const mails = lockedMails(dataSource, config, directory, logger);
  const staffSide = staffSignIn(dataSource, config, sessions, factors, logger);
  const accounts = dataSource.getRepository(SelfServiceAccount);
  const secrets = dataSource.getRepository(AccountSecret);
  const staff = dataSource.getRepository(StaffAccount);
  const slots = hashSlots(config.passwordChecksPerKey);

  /**
   * Who a membership acts as now, or null when it may not have a session (login locked or
   * disabled, contact inactive, ...). `login` is the person's login row (the membership's own row
   * for a person of one organization). An inactive contact disables a login of one membership, as
   * before; a person of several organizations only loses that membership.
   */
  async function contactSubject(
    membership: SelfServiceAccount,
    login: SelfServiceAccount = membership,
  ): Promise<SessionSubject | null> {
    if (login.status !== REGISTERED && login.status !== REGISTRATION_PENDING) return null;
    const facts = await directory.contact(membership.contactId);
    if (!facts || facts.status !== 'ACTIVE') {
      if (membership.essId === login.essId && (await membershipsOf(dataSource.manager, login.essId)).length === 1)
        await accounts.update({ essId: login.essId }, { status: DISABLED });
      return null;
    }
    return {
      kind: 'contact',
      id: facts.id,
      organizationId: facts.organizationId,
      contactTypes: facts.contactTypes,
      passwordChangeRequired: login.status === REGISTRATION_PENDING,
    };
  }

  /** The login row of a membership. */
  const loginOf = async (membership: SelfServiceAccount) =>
    membership.loginEssId === null ? membership : accounts.findOneBy({ essId: membership.loginEssId });

  /**
   * A failed attempt, counted under the login's row lock so concurrent ones are all counted; the
   * one that reaches the zone's threshold locks the login and queues the single lockout email.
   */
  async function recordFailure(essId: number, clientAddress: string | undefined, reason: string): Promise<void> {
    const threshold =
      zoneOf(clientAddress) === 'INTERNAL' ? config.lockout.internalAttempts : config.lockout.internetAttempts;
    // No other subgraph is asked inside: the attempt counts even when they are slow or down.
    const held = await dataSource.transaction(async (manager) => {
      const account = (await lockAccount(manager, { essId }))!;
      const since = account.unsuccessfulAttemptsSinceLastSuccess + 1;
      // A wrong second factor counts like a wrong password: whoever knows the password gets as few code guesses.
      const locks =
        (reason === 'PASSWORD' || reason === 'SECOND_FACTOR') &&
        since >= threshold &&
        (account.status === REGISTERED || account.status === REGISTRATION_PENDING);
      await updateLogin(manager, essId, {
        totalUnsuccessfulAttempts: () => 'totalUnsuccessfulAttempts + 1',
        unsuccessfulAttemptsSinceLastSuccess: () => 'unsuccessfulAttemptsSinceLastSuccess + 1',
        ...(reason === 'SECOND_FACTOR'
          ? { secondFactorUnsuccessfulAttempts: () => 'secondFactorUnsuccessfulAttempts + 1' }
          : {}),
        lastAuthenticationFailure: reason,
        lastAuthenticationFailureAt: new Date(),
        ...(locks ? { status: LOCKED } : {}),
      });
      await recordLoginEvent(manager, essId, 'LOGIN_FAILED', clientAddress);
      if (locks) {
        // A new lock: unlock links mailed for an earlier one must not open it.
        await manager.update(AccountToken, { essId, purpose: 'UNLOCK', usedAt: IsNull() }, { usedAt: new Date() });
        await recordLoginEvent(manager, essId, 'LOCKED', clientAddress);
        return { outboxId: await mails.queue(manager, account), account };
      }
      return null;
    });
    if (held) await mails.complete(held.outboxId, held.account);
  }

  /** The password was right: counters and the event on every panel the person has confirmed. */
  async function recordSuccess(login: SelfServiceAccount, clientAddress: string | undefined): Promise<void> {
    await dataSource.transaction(async (manager) => {
      await updateLogin(manager, login.essId, {
        previousLogin: () => 'lastSuccessfulLogin',
        lastSuccessfulLogin: new Date(),
        successfulLoginAttempts: () => 'successfulLoginAttempts + 1',
        unsuccessfulAttemptsSinceLastSuccess: 0,
        secondFactorUnsuccessfulAttempts: 0,
      });
      await recordLoginEvent(manager, login.essId, 'LOGIN_SUCCEEDED', clientAddress);
    });
  }

  /**
   * A session for one membership, if its organization lets the person in from where they are. A
   * full session for a linked membership confirms it: the person acts for that organization, which
   * from now on sees the login's state in its panel (until then, only what it did itself).
   */
  async function sessionFor(
    membership: SelfServiceAccount,
    subject: SessionSubject,
    clientAddress: string | undefined,
    login: SelfServiceAccount,
  ): Promise<IssuedSession> {
    const organization = await directory.organization(membership.organizationId);
    if (organization && !organization.automaticInternetAccess && zoneOf(clientAddress) === 'INTERNET') {
      await recordFailure(login.essId, clientAddress, 'NO_INTERNET_ACCESS');
      throw new GraphQLError('Your organization allows sign-in from its internal network only.', {
        extensions: { code: 'INTERNET_ACCESS_DISABLED' },
      });
    }
    if (awaitsConfirmation(membership) && login.status === REGISTERED) {
      const fresh = (await accounts.findOneBy({ essId: login.essId })) ?? login;
      await accounts.update(
        { essId: membership.essId, linkConfirmedAt: IsNull() },
        {
          linkConfirmedAt: new Date(),
          status: fresh.status,
          enrollmentCompleted: fresh.enrollmentCompleted,
          temporaryPasswordSet: fresh.temporaryPasswordSet,
          temporaryPasswordExpiresAt: fresh.temporaryPasswordExpiresAt,
          passwordExpired: fresh.passwordExpired,
          reenrolled: false,
        },
      );
    }
    return sessions.issue(subject);
  }

  /** The memberships the person may act for now, each with who it is there. */
  async function usableMemberships(
    login: SelfServiceAccount,
  ): Promise<{ membership: SelfServiceAccount; subject: SessionSubject & { kind: 'contact' } }[]> {
    const all = await membershipsOf(dataSource.manager, login.essId);
    const usable = await Promise.all(
      all.map(async (membership) => ({ membership, subject: await contactSubject(membership, login) })),
    );
    return usable.filter(
      (u): u is { membership: SelfServiceAccount; subject: SessionSubject & { kind: 'contact' } } =>
        u.subject?.kind === 'contact',
    );
  }

  return {
    async login(userName: string, password: string, clientAddress: string | undefined): Promise<SignInOutcome> {
      const name = normalizeUserName(userName);
      const staffAccount = await findStaffByEmail(dataSource, name);
      if (staffAccount) {
        // Checked even while locked, so a locked login answers like a wrong password, as slowly.
        if (!(await checkStaffPassword(dataSource, staffAccount, password))) {
          await recordStaffFailure(dataSource, config, staffAccount.id);
          throw invalidCredentials();
        }
        if (staffLocked(staffAccount)) throw invalidCredentials();
        return staffSide.afterPassword(staffAccount);
      }
      const account = await accountForSignIn(dataSource.manager, name, password);
      const secret = account && (await secrets.findOneBy({ essId: account.essId }));
      const pending = account?.status === REGISTRATION_PENDING;
      const hash = pending ? secret?.temporaryPasswordHash : secret?.passwordHash;
      if (!account || !hash) {
        await verifyPassword(password, await decoyHash());
        if (account) await recordFailure(account.essId, clientAddress, 'PASSWORD');
        throw invalidCredentials();
      }
      if (!(await checkAccountPassword(dataSource.manager, account.essId, pending, password, hash))) {
        await recordFailure(account.essId, clientAddress, 'PASSWORD');
        throw invalidCredentials();
      }
      // The password was right: from here on, saying why is no leak.
      if (account.status === LOCKED || account.status === DISABLED) throw invalidCredentials();
      if (pending && account.temporaryPasswordExpiresAt && account.temporaryPasswordExpiresAt.getTime() <= Date.now()) {
        await recordFailure(account.essId, clientAddress, 'EXPIRED_TEMPORARY_PASSWORD');
        throw temporaryPasswordExpired();
      }
      // A second factor: no session yet, and no success recorded either, so the password alone
      // never resets the failures that a wrong code counts toward the lockout.
      if (await factors.isSet(account.essId)) {
        const token = await factors.issueChallenge(account.essId);
        return {
          secondFactor: {
            token,
            kinds: await factors.kindsOf(account.essId),
            passkeyOptions: await factors.passkeys.secondStepOptions(account.essId, token),
          },
        };
      }
      // Required and none yet: the only thing the password opens is setting one up (no token, no right).
      if (await secondFactorRequired(account))
        return { enrolment: { token: await factors.issueChallenge(account.essId, 'ENROL') } };
      return authenticated(account, clientAddress);
    },

    /**
     * The second step: the challenge of the password step and one code (authenticator or
     * recovery). A wrong one counts toward the lockout like a wrong password and leaves the
     * challenge for the next try; the right one spends it and signs in.
     */
    async verifySecondFactor(
      challenge: string,
      proof: SecondFactorProof,
      clientAddress: string | undefined,
    ): Promise<SignInOutcome> {
      const { id, essId } = await factors.challengeLogin(challenge);
      if (isStaffHolder(essId))
        return staffSide.secondStep({ id, token: challenge, holder: essId }, proof, clientAddress);
      const login = await accounts.findOneBy({ essId });
      if (!login) throw invalidLink();
      await consumeSignInLimits(dataSource, config, clientAddress, login.userName);
      if (login.status !== REGISTERED && login.status !== REGISTRATION_PENDING) throw invalidCredentials();
      const used = await factors.verify(essId, proof, challenge);
      if (!used) {
        await countWrongSecondFactor(essId, clientAddress);
        throw wrongCode(proofField(proof));
      }
      await factors.spendChallenge(id);
      const event = { TOTP: 'SECOND_FACTOR_USED', RECOVERY_CODE: 'RECOVERY_CODE_USED', PASSKEY: 'PASSKEY_USED' }[used];
      await dataSource.transaction((manager) => recordLoginEvent(manager, essId, event, clientAddress));
      return authenticated((await accounts.findOneBy({ essId })) ?? login, clientAddress);
    },

    /**
     * Sign-in with a passkey alone, for a passkey the person registered to sign in without the
     * password (its device verified who holds it). Anything else answers like a wrong password.
     */
    async signInWithPasskey(
      token: string,
      assertion: string,
      clientAddress: string | undefined,
    ): Promise<SignInOutcome> {
      const passkey = await factors.passkeys.finishSignIn(token, assertion);
      if (passkey && isStaffHolder(passkey.essId)) return staffSide.signedIn(passkey.essId, 'PASSKEY_SIGN_IN');
      const login = passkey && (await accounts.findOneBy({ essId: passkey.essId }));
      if (!login || login.status !== REGISTERED) throw invalidCredentials();
      await dataSource.transaction((manager) =>
        recordLoginEvent(manager, login.essId, 'PASSKEY_SIGN_IN', clientAddress),
      );
      return authenticated(login, clientAddress);
    },

    /** An enrolment that an organization's requirement asked for is confirmed: the sign-in it interrupted goes on. */
    async completeEnrolment(essId: number, clientAddress: string | undefined): Promise<SignInOutcome> {
      if (isStaffHolder(essId)) return staffSide.signedIn(essId, 'SECOND_FACTOR_ENROLLED');
      const login = await accounts.findOneBy({ essId });
      if (!login || (login.status !== REGISTERED && login.status !== REGISTRATION_PENDING)) throw invalidCredentials();
      return authenticated(login, clientAddress);
    },

    countWrongSecondFactor,

    /** After a sign-in with several memberships: a session for the one the person chose. */
    async chooseOrganization(
      choiceToken: string,
      organizationId: string,
      clientAddress: string | undefined,
    ): Promise<IssuedSession> {
      const loginEssId = await spendChoiceToken(dataSource.manager, choiceToken);
      return sessionInOrganization(loginEssId, organizationId, clientAddress);
    },

    /** A session for another membership of the signed-in person: no password, the person is signed in. */
    async switchOrganization(
      principal: Principal,
      organizationId: string,
      clientAddress: string | undefined,
    ): Promise<IssuedSession> {
      if (principal.kind !== 'contact') throw notAMembership();
      const current = await accounts.findOneBy({ contactId: principal.id });
      if (!current) throw notAMembership();
      return sessionInOrganization(loginEssIdOf(current), organizationId, clientAddress);
    },

    /** For a refresh: re-read the principal, so changed types or status reach the next token. */
    async subjectFor(token: RefreshToken): Promise<SessionSubject | null> {
      if (token.principalKind === 'staff')
        return (await staff.existsBy({ id: token.principalId })) ? { kind: 'staff', id: token.principalId } : null;
      const membership = await accounts.findOneBy({ contactId: token.principalId });
      const login = membership && (await loginOf(membership));
      return membership && login ? contactSubject(membership, login) : null;
    },

    /**
     * Change one's own password; with a temporary password, this completes the enrollment. The
     * current password is a sign-in: same rate limits, and a wrong one counts toward the lockout.
     * At most PASSWORD_CHECKS_PER_KEY run at once per principal and per client address: more are
     * refused at once, so nobody fills the shared hash pool.
     */
    async changePassword(
      principal: Principal,
      currentPassword: string,
      newPassword: string,
      clientAddress: string | undefined,
    ): Promise<IssuedSession> {
      if (principal.kind !== 'staff' && principal.kind !== 'contact') throw invalidCredentials();
      const keys = [
        `principal:${principal.id}`,
        `address:${clientAddress ? rateLimitAddressKey(clientAddress) : 'unknown'}`,
      ];
      return slots.run(keys, () =>
        principal.kind === 'staff'
          ? changeStaffPassword(principal.id, currentPassword, newPassword, clientAddress)
          : changeContactPassword(principal, currentPassword, newPassword, clientAddress),
      );
    },
  };

  /** A wrong second factor (at sign-in, or given to replace one): counted toward the lockout like a wrong password. */
  async function countWrongSecondFactor(holder: number, clientAddress: string | undefined): Promise<void> {
    if (isStaffHolder(holder)) return staffSide.countWrongProof(holder);
    await recordFailure(holder, clientAddress, 'SECOND_FACTOR');
    await dataSource.transaction((manager) => recordLoginEvent(manager, holder, 'SECOND_FACTOR_FAILED', clientAddress));
  }

  /**
   * Whether any organization the person acts for requires a second factor: the login is one for
   * all of them, so the strictest one decides (a person is not half protected).
   */
  async function secondFactorRequired(login: SelfServiceAccount): Promise<boolean> {
    const organizations = await Promise.all(
      (await membershipsOf(dataSource.manager, login.essId)).map((m) => directory.organization(m.organizationId)),
    );
    return organizations.some((organization) => organization?.secondFactorRequired === true);
  }

  /** The person proved who they are: a session (one membership, a temporary password) or the organizations to choose from. */
  async function authenticated(account: SelfServiceAccount, clientAddress: string | undefined): Promise<SignInOutcome> {
    const pending = account.status === REGISTRATION_PENDING;
    const usable = await usableMemberships(account);
    if (!usable.length) throw invalidCredentials();
    // One membership, or a temporary password (whose token may only change it): no choice to make.
    if (usable.length === 1 || pending) {
      const [{ membership, subject }] = usable;
      const session = await sessionFor(membership, subject, clientAddress, account);
      await recordSuccess(account, clientAddress);
      return { session };
    }
    await recordSuccess(account, clientAddress);
    const names = await Promise.all(usable.map(({ membership }) => directory.organization(membership.organizationId)));
    return {
      choice: {
        token: await issueChoiceToken(dataSource.manager, account.essId),
        organizations: usable.map(({ membership, subject }, i) => ({
          organizationId: membership.organizationId,
          organizationName: names[i]?.displayName ?? '',
          contactTypes: subject.contactTypes,
        })),
      },
    };
  }

  /** A session for the login's membership in `organizationId`; NOT_FOUND when there is none (or it may not act now). */
  async function sessionInOrganization(
    loginEssId: number,
    organizationId: string,
    clientAddress: string | undefined,
  ): Promise<IssuedSession> {
    const login = await accounts.findOneBy({ essId: loginEssId });
    if (!login || login.status !== REGISTERED) throw notAMembership();
    const usable = (await usableMemberships(login)).find(
      ({ membership }) => membership.organizationId === organizationId,
    );
    if (!usable) throw notAMembership();
    return sessionFor(usable.membership, usable.subject, clientAddress, login);
  }

  async function changeStaffPassword(
    staffId: string,
    currentPassword: string,
    newPassword: string,
    clientAddress: string | undefined,
  ): Promise<IssuedSession> {
    const account = await staff.findOneByOrFail({ id: staffId });
    await consumeSignInLimits(dataSource, config, clientAddress, account.email);
    if (staffLocked(account)) throw invalidCredentials();
    if (!(await verifyPassword(currentPassword, account.passwordHash))) {
      await recordStaffFailure(dataSource, config, account.id);
      throw wrongCurrentPassword();
    }
    await assertPasswordPolicy(newPassword, account.email);
    await staff.update(
      { id: account.id },
      { passwordHash: await hashPassword(newPassword), failedAttempts: 0, lockedUntil: null },
    );
    await sessions.revokeAllOf([account.id]);
    return sessions.issue({ kind: 'staff', id: account.id });
  }

  async function changeContactPassword(
    principal: Extract<Principal, { kind: 'contact' }>,
    currentPassword: string,
    newPassword: string,
    clientAddress: string | undefined,
  ): Promise<IssuedSession> {
    // The password is the person's: the login's, whichever organization the token acts for.
    const membership = await accounts.findOneBy({ contactId: principal.id });
    if (!membership) throw invalidCredentials();
    await consumeSignInLimits(dataSource, config, clientAddress, membership.userName);
    const outcome: { wrongPassword: number } | { account: SelfServiceAccount } = await dataSource.transaction(
      async (manager) => {
        const locked = await lockAccount(manager, { essId: loginEssIdOf(membership) });
        if (!locked || (locked.status !== REGISTERED && locked.status !== REGISTRATION_PENDING))
          throw invalidCredentials();
        // A change-password-only token must not outlive the temporary password it was issued for.
        if (
          locked.status === REGISTRATION_PENDING &&
          locked.temporaryPasswordExpiresAt &&
          locked.temporaryPasswordExpiresAt.getTime() <= Date.now()
        )
          throw temporaryPasswordExpired();
        const secret = await manager.findOneByOrFail(AccountSecret, { essId: locked.essId });
        const current = locked.status === REGISTRATION_PENDING ? secret.temporaryPasswordHash : secret.passwordHash;
        if (!current || !(await verifyPassword(currentPassword, current))) return { wrongPassword: locked.essId };
        await assertPasswordPolicy(newPassword, locked.userName, await previousPasswordHashes(manager, locked.essId));
        await setPassword(manager, locked, newPassword);
        await recordLoginEvent(manager, locked.essId, 'PASSWORD_CHANGED', clientAddress, principal);
        return { account: await manager.findOneByOrFail(SelfServiceAccount, { essId: locked.essId }) };
      },
    );
    if ('wrongPassword' in outcome) {
      await recordFailure(outcome.wrongPassword, clientAddress, 'PASSWORD');
      throw wrongCurrentPassword();
    }
    await sessions.revokeAllOf(
      (await membershipsOf(dataSource.manager, outcome.account.essId)).map((m) => m.contactId),
    );
    const subject = await contactSubject(membership, outcome.account);
    if (!subject) throw invalidCredentials();
    return sessions.issue(subject);
  }
}

export type SignIn = ReturnType<typeof signIn>;

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
  | { enrolment: { token: string } };

/** The same answer for an organization the person does not belong to and one they may not act for now. */
const notAMembership = () =>
  new GraphQLError('You have no self-service login in this organization.', {
    extensions: {
      code: ErrorCode.NOT_FOUND,
      invalidFields: [{ field: 'organizationId', message: 'is not one of your organizations' }],
    },
  });

const wrongCurrentPassword = () =>
  new GraphQLError('The current password is not correct.', {
    extensions: {
      code: ErrorCode.BAD_USER_INPUT,
      invalidFields: [{ field: 'currentPassword', message: 'is not correct' }],
    },
  });

const temporaryPasswordExpired = () =>
  new GraphQLError('Your temporary password has expired. Ask an administrator of your organization to re-enroll you.', {
    extensions: { code: 'TEMPORARY_PASSWORD_EXPIRED' },
  });
