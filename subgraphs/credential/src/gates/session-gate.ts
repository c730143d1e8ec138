import type { FactorHolder } from './proven';
import { isStaffHolder } from '../staff-logins/staff-second-factor';
import { IsNull, type DataSource } from 'typeorm';
import type { CredentialConfig } from '../config';
import type { Directory, OrganizationFacts } from '../contact-directory/contact-directory';
import { notAMembership, refused } from '../errors/credential-errors';
import type { ZoneOf } from '../lockout/network-zone';
import { hasInternetAccessGrant } from '../person/internet-access-grants';
import { awaitsConfirmation, loginEssIdOf, membershipsOf } from '../person/login-rows';
import { SelfServiceAccount } from '../self-service/self-service-account.entity';
import { SelfServiceStatus } from '../self-service/self-service-status';
import type { SessionSubject } from '../sessions/access-token';
import type { RefreshToken } from '../sessions/refresh-token.entity';
import { familyOf, type IssuedSession, type SessionFamily, type Sessions } from '../sessions/sessions';
import { DISABLED_PASSWORD_HASH, StaffAccount } from '../staff-logins/staff-account.entity';
import { staffLocked } from '../staff-logins/staff-lockout';

const { REGISTRATION_PENDING, REGISTERED, LOCKED, DISABLED } = SelfServiceStatus;

/** Why the gate refused a session: each condition its own code, the same on every path. */
export const SESSION_REFUSALS = {
  ACCOUNT_LOCKED:
    'This login is locked. Reset your password, or ask an administrator of your organization to unlock it.',
  ACCOUNT_DISABLED: 'This login is disabled. Ask an administrator of your organization.',
  CONTACT_INACTIVE: 'You are no longer an active contact of this organization. Ask one of its administrators.',
  INTERNET_ACCESS_DISABLED: 'Your organization allows sign-in from its internal network only.',
  SECOND_FACTOR_REQUIRED: 'Your organization requires a second factor. Sign in again with your password to set one up.',
  SESSION_EXPIRED: 'Your session has reached its time limit. Sign in again.',
} as const;
export type SessionRefusal = keyof typeof SESSION_REFUSALS;

const refusal = (code: SessionRefusal) => refused(code, SESSION_REFUSALS[code]);

export interface GateDeps {
  dataSource: DataSource;
  config: CredentialConfig;
  directory: Directory;
  zoneOf: ZoneOf;
  factors: { isSet(holder: number): Promise<boolean> };
  sessions: Sessions;
}

/** Who asks for a session: a person acting for one membership, or a staff login; from where, in which family. */
export type SessionRequest =
  | {
      kind: 'contact';
      login: SelfServiceAccount;
      membership: SelfServiceAccount;
      clientAddress: string | undefined;
      family: SessionFamily;
      /** Told of a refusal before it is thrown (the password step counts some as failed sign-ins). */
      onRefused?: (code: SessionRefusal) => Promise<void>;
    }
  | { kind: 'staff'; staff: StaffAccount; clientAddress: string | undefined; family: SessionFamily };

/**
 * The session gate (DESIGN.md section 8): the one place that decides whether a login may hold a
 * session for an organization, from an address, now. Every path that issues or renews a token
 * (password, second step, passkey alone, choose, switch, refresh) comes through `open` or
 * `refresh`; nothing else may call the session store's `issue`.
 */
export function sessionGate(deps: GateDeps) {
  const { dataSource, config, directory, zoneOf, factors, sessions } = deps;
  const accounts = dataSource.getRepository(SelfServiceAccount);

  /** Whether any organization the person acts for requires a second factor: the strictest one decides. */
  async function secondFactorRequired(login: SelfServiceAccount): Promise<boolean> {
    const memberships = await membershipsOf(dataSource.manager, login.essId);
    const organizations = await Promise.all(memberships.map((m) => directory.organization(m.organizationId)));
    return organizations.some((organization) => organization?.secondFactorRequired === true);
  }

  /** The login-wide rules: status and lock, and a second factor where one is required (ENROL: set one up first). */
  async function loginRule(request: SessionRequest): Promise<'OK' | 'ENROL'> {
    if (request.kind === 'staff') {
      if (request.staff.passwordHash === DISABLED_PASSWORD_HASH) throw refusal('ACCOUNT_DISABLED');
      if (staffLocked(request.staff)) throw refusal('ACCOUNT_LOCKED');
      const holder = request.staff.secondFactorHolder;
      const hasFactor = holder !== null && (await factors.isSet(holder));
      return config.production && !hasFactor ? 'ENROL' : 'OK';
    }
    const { login } = request;
    if (login.status === LOCKED) throw refusal('ACCOUNT_LOCKED');
    if (login.status !== REGISTERED && login.status !== REGISTRATION_PENDING) throw refusal('ACCOUNT_DISABLED');
    return (await secondFactorRequired(login)) && !(await factors.isSet(login.essId)) ? 'ENROL' : 'OK';
  }

  /**
   * The membership's rules: it is the login's, its contact is active, its organization lets the
   * person in from where they are. An inactive contact disables a login of one membership; a
   * person of several organizations only loses that membership.
   */
  async function membershipRule(
    request: Extract<SessionRequest, { kind: 'contact' }>,
    checkZone = true,
  ): Promise<{ subject: SessionSubject; organization: OrganizationFacts | null }> {
    const { login, membership } = request;
    if (loginEssIdOf(membership) !== login.essId) throw notAMembership();
    const [facts, organization] = await Promise.all([
      directory.contact(membership.contactId),
      directory.organization(membership.organizationId),
    ]);
    if (!facts || facts.status !== 'ACTIVE') {
      if (membership.essId === login.essId && (await membershipsOf(dataSource.manager, login.essId)).length === 1)
        await accounts.update({ essId: login.essId }, { status: DISABLED });
      throw refusal('CONTACT_INACTIVE');
    }
    // An administrator's approval of a request lets this membership in from the internet, on every path.
    if (
      checkZone &&
      organization &&
      !organization.automaticInternetAccess &&
      zoneOf(request.clientAddress) === 'INTERNET' &&
      !(await hasInternetAccessGrant(dataSource.manager, membership.contactId))
    )
      throw refusal('INTERNET_ACCESS_DISABLED');
    const subject: SessionSubject = {
      kind: 'contact',
      id: facts.id,
      organizationId: facts.organizationId,
      contactTypes: facts.contactTypes,
      passwordChangeRequired: login.status === REGISTRATION_PENDING,
    };
    return { subject, organization };
  }

  /** Every rule, in one order; the subject the session is for, or a refusal with its code. */
  async function decide(request: SessionRequest): Promise<SessionSubject> {
    try {
      if ((await loginRule(request)) === 'ENROL') throw refusal('SECOND_FACTOR_REQUIRED');
      const subject: SessionSubject =
        request.kind === 'staff' ? { kind: 'staff', id: request.staff.id } : (await membershipRule(request)).subject;
      if (sessions.expired(request.family)) throw refusal('SESSION_EXPIRED');
      return subject;
    } catch (error) {
      const code = (error as { extensions?: { code?: string } }).extensions?.code;
      if (request.kind === 'contact' && request.onRefused && code && code in SESSION_REFUSALS)
        await request.onRefused(code as SessionRefusal);
      throw error;
    }
  }

  /**
   * A full session for a linked membership confirms it: the person acts for that organization,
   * which from now on sees the login's state in its panel (until then, only what it did itself).
   */
  async function confirmLink(request: SessionRequest): Promise<void> {
    if (request.kind !== 'contact') return;
    const { membership, login } = request;
    if (!awaitsConfirmation(membership) || login.status !== REGISTERED) return;
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

  /** Who a refresh token's session is for today, read again: the request the gate decides on. */
  async function requestOf(token: RefreshToken, clientAddress: string | undefined): Promise<SessionRequest> {
    const family = familyOf(token);
    if (token.principalKind === 'staff') {
      const staff = await dataSource.getRepository(StaffAccount).findOneBy({ id: token.principalId });
      if (!staff) throw refusal('ACCOUNT_DISABLED');
      return { kind: 'staff', staff, clientAddress, family };
    }
    const membership = await accounts.findOneBy({ contactId: token.principalId });
    const login =
      membership &&
      (membership.loginEssId === null ? membership : await accounts.findOneBy({ essId: membership.loginEssId }));
    if (!membership || !login) throw notAMembership();
    return { kind: 'contact', login, membership, clientAddress, family };
  }

  return {
    /**
     * Whether the login must keep a second factor: an organization the person acts for requires
     * one, or (staff) production does. The same rule that sends a login without one to enrolment.
     */
    async secondFactorRequiredFor(holder: FactorHolder): Promise<boolean> {
      if (isStaffHolder(holder.essId)) return config.production;
      const login = await accounts.findOneBy({ essId: holder.essId });
      return login !== null && (await secondFactorRequired(login));
    },

    /**
     * Right after a proof of who the person is (password, or password and second factor): go on,
     * or set up the second factor that is required first (never a session without it).
     */
    afterProof: (request: SessionRequest) => loginRule(request),

    /** The memberships a person may choose from now: the login's, each with an active contact. */
    async choices(
      login: SelfServiceAccount,
      clientAddress: string | undefined,
      family: SessionFamily,
    ): Promise<{ membership: SelfServiceAccount; subject: SessionSubject & { kind: 'contact' } }[]> {
      const all = await membershipsOf(dataSource.manager, login.essId);
      const decided = await Promise.all(
        all.map(async (membership) => {
          try {
            const request = { kind: 'contact' as const, login, membership, clientAddress, family };
            // Where the person is decides at the choice, so that the refusal names the organization chosen.
            return { membership, subject: (await membershipRule(request, false)).subject };
          } catch {
            return null;
          }
        }),
      );
      return decided.filter(
        (d): d is { membership: SelfServiceAccount; subject: SessionSubject & { kind: 'contact' } } =>
          d?.subject.kind === 'contact',
      );
    },

    /** A session, if every rule lets it through; else the refusal of the first rule that does not. */
    async open(request: SessionRequest): Promise<IssuedSession> {
      const subject = await decide(request);
      await confirmLink(request);
      return sessions.issue(subject, request.family);
    },

    /** Renew a session: the refresh token is spent and the same rules decide again (a refusal ends the family). */
    refresh(refreshToken: string, clientAddress: string | undefined): Promise<IssuedSession> {
      return sessions.rotate(refreshToken, async (token) => decide(await requestOf(token, clientAddress)));
    },
  };
}

export type SessionGate = ReturnType<typeof sessionGate>;
