import { IsNull, type EntityManager } from 'typeorm';
import type { Principal } from '@ecg/policy';
import { badUserInput, notFound, withRetry } from '@ecg/infrastructure';
import { normalizeUserName } from '../person/user-name';
import { enqueueMail } from '../mail/outbox';
import { templates } from '../mail/templates';
import { hashPassword } from '../passwords/password-hasher';
import { AccountSecret } from '../self-service/account-secret.entity';
import { SelfServiceAccount } from '../self-service/self-service-account.entity';
import { SelfServiceStatus } from '../self-service/self-service-status';
import { HOUR, recordEvent, temporaryPassword } from '../person/account-events';
import { lockAccount } from '../person/account-store';
import { assertMayResetLogin } from '../person/stronger-credential';
import {
  awaitsConfirmation,
  loginEssIdOf,
  loginForLinking,
  membershipsOf,
  updateLogin,
  userNameClaimed,
} from '../person/login-rows';
import { isUniqueViolation } from '../person/unique-violation';
import { AccountToken } from '../person/account-token.entity';
import { mailContextOf, type LifecycleDeps } from './lifecycle-deps';
import { refused } from '../errors/credential-errors';
import type { ContactFacts, OrganizationFacts } from '../contact-directory/contact-directory';

const { REGISTRATION_PENDING, DISABLED } = SelfServiceStatus;

/** What a batch asked of the other subgraphs once for all its rows. */
export interface Known {
  facts: ContactFacts | null;
  organization: OrganizationFacts | null;
}

/** One row of a batch: REGISTERED, LINKED (the email already had a login), or the code that refused it. */
export interface RegistrationOutcome {
  contactId: string;
  outcome: string;
  message: string | null;
  account: SelfServiceAccount | null;
}

type RegistrationContext = Awaited<ReturnType<typeof mailContextOf>>;

/** What one Register writes and mails, decided before its transaction (the hash is not redone on a retry). */
interface Registration {
  contactId: string;
  organizationId: string;
  email: string;
  userName: string;
  context: RegistrationContext;
  password: string;
  passwordHash: string;
  expiresAt: Date;
}

/** "Set to enroll by batch": at most this many contacts at once. */
export const REGISTER_MANY_LIMIT = 100;

/** The Register and Re-Enroll buttons: a temporary password (24 hours), mailed with the change. */
export function enrollment(deps: LifecycleDeps) {
  const { dataSource, directory, sessions } = deps;
  const mailContext = (contactId: string, organizationId: string, userName: string) =>
    mailContextOf(deps, contactId, organizationId, userName);
  const buttons = {
    /** Register: the contact gets a login and an email with a temporary password (24 hours). */
    async register(
      contactId: string,
      actor: Principal,
      clientAddress?: string,
      known?: Known,
    ): Promise<SelfServiceAccount> {
      const facts = known ? known.facts : await directory.contact(contactId);
      if (!facts) throw notFound('Contact');
      if (facts.status !== 'ACTIVE') throw refused('CONTACT_INACTIVE', 'Only an active contact can be registered.');
      if (!facts.primaryEmail)
        throw refused('NO_EMAIL', 'The contact has no primary email address to send the temporary password to.');
      const userName = normalizeUserName(facts.primaryEmail);
      const password = temporaryPassword();
      const registration: Registration = {
        contactId,
        organizationId: facts.organizationId,
        email: facts.primaryEmail,
        userName,
        context: await registrationContext(contactId, facts, userName, known),
        password,
        passwordHash: await hashPassword(password),
        expiresAt: new Date(Date.now() + 24 * HOUR),
      };
      const insert = (manager: EntityManager) => insertRegistration(manager, registration, actor, clientAddress);
      try {
        return await withRetry(dataSource, insert);
      } catch (error) {
        // Two organizations registered a new email at once: the other made the login; link to it.
        if (!isUniqueViolation(error)) throw error;
        return withRetry(dataSource, insert);
      }
    },

    /**
     * "Set to enroll by batch": Register for each contact of one organization, one outcome per
     * contact. The contacts and their organization are asked of the other subgraphs once for the
     * batch; each row then registers in its own transaction, as the button does, so one refusal
     * stops nothing else.
     */
    async registerMany(
      contactIds: string[],
      actor: Principal,
      clientAddress?: string,
      prefetched?: (ContactFacts | null)[],
    ): Promise<RegistrationOutcome[]> {
      const ids = [...new Set(contactIds)];
      if (ids.length > REGISTER_MANY_LIMIT)
        throw badUserInput([{ field: 'contactIds', message: `is at most ${REGISTER_MANY_LIMIT} contacts at once` }]);
      const facts = prefetched ?? (await directory.contacts(ids));
      const organizations = new Set(facts.flatMap((f) => (f ? [f.organizationId] : [])));
      if (organizations.size > 1)
        throw badUserInput([{ field: 'contactIds', message: 'must all be contacts of one organization' }]);
      const [organizationId] = organizations;
      const organization = organizationId ? await directory.organization(organizationId) : null;
      const outcomes: RegistrationOutcome[] = [];
      for (const [i, contactId] of ids.entries()) {
        try {
          const account = await buttons.register(contactId, actor, clientAddress, { facts: facts[i], organization });
          outcomes.push({ contactId, outcome: account.loginEssId ? 'LINKED' : 'REGISTERED', message: null, account });
        } catch (error) {
          const code = (error as { extensions?: { code?: unknown } }).extensions?.code;
          if (typeof code !== 'string' || code === 'INTERNAL_SERVER_ERROR') throw error;
          outcomes.push({ contactId, outcome: code, message: (error as Error).message, account: null });
        }
      }
      return outcomes;
    },

    /** Re-Enroll: a fresh temporary password; the old password and the old temporary one stop working. */
    async reEnroll(contactId: string, actor: Principal, clientAddress?: string): Promise<SelfServiceAccount> {
      const existing = await dataSource.getRepository(SelfServiceAccount).findOneBy({ contactId });
      if (!existing) throw refused('NOT_REGISTERED', 'This contact has no self-service login yet; use Register.');
      // A login disabled because its contact went inactive comes back once the contact is active again.
      const reactivated = existing.status === DISABLED && (await directory.contact(contactId))?.status === 'ACTIVE';
      const context = await mailContext(contactId, existing.organizationId, existing.userName);
      const password = temporaryPassword();
      const passwordHash = await hashPassword(password);
      const expiresAt = new Date(Date.now() + 24 * HOUR);
      if (awaitsConfirmation(existing)) return relink(existing, actor, clientAddress, expiresAt);
      const loginEssId = loginEssIdOf(existing);
      const account = await withRetry(dataSource, async (manager) => {
        // The button acts on the person's login, whichever of its organizations pressed it.
        const locked = (await lockAccount(manager, { essId: loginEssId }))!;
        assertMayResetLogin(actor, locked);
        if (locked.status === DISABLED && !reactivated)
          throw refused('ACCOUNT_DISABLED', 'The contact is inactive; activate it before re-enrolling.');
        await manager.update(
          AccountSecret,
          { essId: locked.essId },
          { temporaryPasswordHash: passwordHash, passwordHash: null },
        );
        await updateLogin(manager, locked.essId, {
          status: REGISTRATION_PENDING,
          enrollmentCompleted: false,
          reenrolled: true,
          temporaryPasswordSet: true,
          temporaryPasswordExpiresAt: expiresAt,
          passwordExpired: true,
          unsuccessfulAttemptsSinceLastSuccess: 0,
        });
        await manager.update(AccountToken, { essId: locked.essId, usedAt: IsNull() }, { usedAt: new Date() });
        // A new start: whoever holds the old authenticator or recovery codes must not sign in with them.
        const factorsRemoved = await deps.factors.reset(manager, locked.essId);
        if (factorsRemoved) await recordEvent(manager, existing, 'SECOND_FACTORS_RESET', clientAddress, actor);
        await enqueueMail(manager, {
          recipient: locked.userName,
          ...templates.reEnrolled(
            context,
            password,
            expiresAt,
            `${deps.config.publicUrl}/sign-in`,
            deps.config.displayTimeZone,
            factorsRemoved,
          ),
        });
        // Audited in the panel of the organization that pressed it.
        await recordEvent(manager, existing, 'RE_ENROLLED', clientAddress, actor);
        return manager.findOneByOrFail(SelfServiceAccount, { essId: existing.essId });
      });
      await sessions.revokeAllOf((await membershipsOf(dataSource.manager, loginEssId)).map((m) => m.contactId));
      return account;
    },
  };
  return buttons;

  /** The names a registration's mail gives: from the batch's one lookup when it made it, else asked now. */
  async function registrationContext(
    contactId: string,
    facts: ContactFacts,
    userName: string,
    known: Known | undefined,
  ): Promise<RegistrationContext> {
    if (!known) return mailContext(contactId, facts.organizationId, userName);
    return {
      fullName: facts.fullName,
      organization: known.organization?.displayName ?? 'your organization',
      userName,
      email: facts.primaryEmail,
      administrators: known.organization?.administrators ?? [],
    };
  }

  /**
   * One registration's rows, mail and event, in the caller's transaction: a new login with its
   * temporary password, or, when the email already has a login, a membership of it (no password).
   */
  async function insertRegistration(
    manager: EntityManager,
    r: Registration,
    actor: Principal,
    clientAddress: string | undefined,
  ): Promise<SelfServiceAccount> {
    if (await manager.existsBy(SelfServiceAccount, { contactId: r.contactId }))
      throw refused(
        'ALREADY_REGISTERED',
        'This contact is already registered; use Re-Enroll for a new temporary password.',
      );
    if (await manager.existsBy(SelfServiceAccount, { userName: r.userName, organizationId: r.organizationId }))
      throw refused(
        'USER_NAME_TAKEN',
        'Another self-service login of this organization already uses this email address as its user name.',
      );
    // The person's login, if the email has one (DESIGN.md section 6): this contact becomes a
    // membership of it. The row looks exactly like a new registration (pending, its own ESS ID,
    // counters at zero) until the person signs in, so the answer tells nothing.
    const login = await loginForLinking(manager, r.userName);
    const inserted = await manager.insert(SelfServiceAccount, {
      contactId: r.contactId,
      organizationId: r.organizationId,
      userName: r.userName,
      status: REGISTRATION_PENDING,
      temporaryPasswordSet: true,
      temporaryPasswordExpiresAt: r.expiresAt,
      passwordExpired: true,
      enrollmentCompleted: false,
      reenrolled: false,
      loginEssId: login?.essId ?? null,
      loginUserName: login || (await userNameClaimed(manager, r.userName)) ? null : r.userName,
    });
    const essId = inserted.identifiers[0].essId as number;
    const { config } = deps;
    if (login) {
      await enqueueMail(manager, {
        recipient: r.email,
        ...templates.addedToOrganization(r.context, r.context.administrators, `${config.publicUrl}/`),
      });
    } else {
      await manager.insert(AccountSecret, { essId, temporaryPasswordHash: r.passwordHash, passwordHash: null });
      await enqueueMail(manager, {
        recipient: r.email,
        ...templates.registered(
          r.context,
          r.password,
          r.expiresAt,
          `${config.publicUrl}/sign-in`,
          config.displayTimeZone,
        ),
      });
    }
    const account = await manager.findOneByOrFail(SelfServiceAccount, { essId });
    await recordEvent(manager, account, 'REGISTERED', clientAddress, actor);
    return account;
  }

  /**
   * Re-Enroll of a membership the person has not signed in to since it was linked: the login is
   * not this organization's to reset yet (it would end a password another organization's person
   * uses), so only the notice goes again, and the panel answers as a re-enrollment would.
   */
  async function relink(
    existing: SelfServiceAccount,
    actor: Principal,
    clientAddress: string | undefined,
    expiresAt: Date,
  ): Promise<SelfServiceAccount> {
    const context = await mailContext(existing.contactId, existing.organizationId, existing.userName);
    return withRetry(dataSource, async (manager) => {
      await manager.update(
        SelfServiceAccount,
        { essId: existing.essId },
        { reenrolled: true, temporaryPasswordExpiresAt: expiresAt },
      );
      await enqueueMail(manager, {
        recipient: existing.userName,
        ...templates.addedToOrganization(context, context.administrators, `${deps.config.publicUrl}/`),
      });
      await recordEvent(manager, existing, 'RE_ENROLLED', clientAddress, actor);
      return manager.findOneByOrFail(SelfServiceAccount, { essId: existing.essId });
    });
  }
}
