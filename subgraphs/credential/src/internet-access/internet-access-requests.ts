import { randomUUID } from 'node:crypto';
import { IsNull, MoreThan, type DataSource, type EntityManager } from 'typeorm';
import { ContactType, decide, ErrorCode, type Principal } from '@ecg/policy';
import type { CredentialConfig } from '../config';
import type { Directory } from '../contact-directory/contact-directory';
import { invalidLink, refused } from '../errors/credential-errors';
import { enqueueMail } from '../mail/outbox';
import { templates } from '../mail/templates';
import { sha256 } from '../crypto/sha256';
import { recordEvent, SYSTEM } from '../person/account-events';
import { AccountToken } from '../person/account-token.entity';
import { DENIAL_STANDS_MS, lapseOne, standingDenial, undecidedSince } from '../person/internet-access-grants';
import { InternetAccessRequest, InternetAccessRequestStatus } from '../person/internet-access-request.entity';
import { loginEssIdOf } from '../person/login-rows';
import { SelfServiceAccount } from '../self-service/self-service-account.entity';
import { SelfServiceStatus } from '../self-service/self-service-status';
import { StaffAccount } from '../staff-logins/staff-account.entity';
import { displayTime, withRetry } from '@ecg/infrastructure';

const { PENDING, APPROVED, DENIED, WITHDRAWN } = InternetAccessRequestStatus;

/** How many lapses one pass handles: the periodic pass takes the rest on its next run. */
const LAPSE_BATCH = 100;

export interface InternetAccessDeps {
  dataSource: DataSource;
  config: CredentialConfig;
  directory: Directory;
  /** The clock of lapses: injectable so that a test need not wait 14 days. */
  now?: () => Date;
}

/** The same answer for a request that does not exist and one of another organization. */
const noSuchRequest = () => refused(ErrorCode.NOT_FOUND, 'There is no such request for internet access.');

/**
 * An administrator's denial stands for 14 days: asking again within them would only mail the
 * administrators the question they just answered. Says when the person may ask again.
 */
const deniedRecently = (deniedAt: Date, timeZone: string) => {
  const askAgainAfter = new Date(deniedAt.getTime() + DENIAL_STANDS_MS);
  return refused(
    'INTERNET_ACCESS_REQUEST_DENIED',
    `An administrator denied your request for internet access on ${displayTime(deniedAt, timeZone)}. ` +
      `You may ask again after ${displayTime(askAgainAfter, timeZone)}; until then, sign in from your organization's network or speak to your administrator.`,
    { deniedAt: deniedAt.toISOString(), askAgainAfter: askAgainAfter.toISOString() },
  );
};

/** Pending first (oldest first, the next to decide), then the decided ones, newest first. */
const byStatusThenTime = (a: InternetAccessRequest, b: InternetAccessRequest) =>
  a.status === PENDING && b.status === PENDING
    ? a.requestedAt.getTime() - b.requestedAt.getTime()
    : a.status === PENDING
      ? -1
      : b.status === PENDING
        ? 1
        : (b.decidedAt ?? b.requestedAt).getTime() - (a.decidedAt ?? a.requestedAt).getTime();

/**
 * Internet access on request (DESIGN.md section 10): a person refused only because of where they
 * are files a request with the token the sign-in gave; the organization's Administrators (and
 * staff) approve or deny it; an approval is the grant the session gate honours until withdrawn.
 */
export function internetAccessRequests(deps: InternetAccessDeps) {
  const { dataSource, config, directory } = deps;
  const now = deps.now ?? (() => new Date());

  async function mailContext(contactId: string, organizationId: string, userName: string) {
    const [facts, organization] = await Promise.all([
      directory.contact(contactId),
      directory.organization(organizationId),
    ]);
    return {
      fullName: facts?.fullName ?? userName,
      organization: organization?.displayName ?? 'your organization',
      userName,
    };
  }

  /** The addresses of the organization's active Administrators who have a login: who is told of a request. */
  async function administratorsOf(organizationId: string, except: string): Promise<string[]> {
    const logins = await dataSource
      .getRepository(SelfServiceAccount)
      .findBy({ organizationId, status: SelfServiceStatus.REGISTERED });
    const facts = await Promise.all(
      logins.filter((l) => l.contactId !== except).map((l) => directory.contact(l.contactId)),
    );
    const addresses = logins
      .filter((l) => l.contactId !== except)
      .map((login, i) => ({ login, facts: facts[i] }))
      .filter(({ facts }) => facts?.status === 'ACTIVE' && facts.contactTypes.includes(ContactType.ADMINISTRATOR))
      .map(({ login }) => login.userName);
    return [...new Set(addresses)];
  }

  /** Staff and an organization's Administrators decide its requests; anyone else finds none. */
  function mayDecide(principal: Principal, organizationId: string): boolean {
    return decide(principal, 'ORGANIZATION_DETAILS', 'EDIT', organizationId) === true && principal.kind !== 'service';
  }

  async function nameOf(principal: Principal): Promise<string> {
    if (principal.kind === 'staff')
      return (await dataSource.getRepository(StaffAccount).findOneBy({ id: principal.id }))?.displayName ?? 'Staff';
    if (principal.kind === 'contact') return (await directory.contact(principal.id))?.fullName ?? 'An administrator';
    return 'An administrator';
  }

  /** The organization's name for a mail, or a neutral one while the organization subgraph cannot say. */
  async function organizationName(organizationId: string): Promise<string> {
    try {
      return (await directory.organization(organizationId))?.displayName ?? 'your organization';
    } catch {
      return 'your organization';
    }
  }

  /**
   * Lapse the requests undecided for 14 days (of `where`: what a reader is about to read), each in
   * a transaction of its own with its security event and the person's mail. Of several readers or
   * replicas at once, only the one whose update finds the request still pending records and mails.
   */
  async function lapse(where: { organizationId?: string; contactId?: string; id?: string } = {}): Promise<number> {
    const at = now();
    const due = await dataSource
      .getRepository(InternetAccessRequest)
      .find({ where: undecidedSince(at, where), order: { requestedAt: 'ASC' }, take: LAPSE_BATCH });
    let lapsed = 0;
    for (const request of due) {
      const context = {
        fullName: request.fullName,
        organization: await organizationName(request.organizationId),
        userName: request.userName,
      };
      const mine = await withRetry(dataSource, async (manager) => {
        if (!(await lapseOne(manager, request.id, at))) return false;
        await recordEvent(manager, request, 'INTERNET_ACCESS_LAPSED', undefined, SYSTEM);
        await enqueueMail(manager, {
          recipient: request.userName,
          ...templates.internetAccessLapsed(
            context,
            request.requestedAt,
            config.displayTimeZone,
            `${config.publicUrl}/sign-in`,
          ),
        });
        return true;
      });
      if (mine) lapsed++;
    }
    return lapsed;
  }

  async function spendToken(manager: EntityManager, token: string): Promise<number> {
    const row = await manager.findOneBy(AccountToken, {
      tokenHash: sha256(token),
      purpose: 'INTERNET',
      usedAt: IsNull(),
      expiresAt: MoreThan(new Date()),
    });
    const spent = row && (await manager.update(AccountToken, { id: row.id, usedAt: IsNull() }, { usedAt: new Date() }));
    if (!row || spent?.affected !== 1) throw invalidLink();
    return row.essId;
  }

  return {
    /** Every request undecided for 14 days lapses, read or not: run periodically by every replica. */
    lapse: () => lapse(),

    /**
     * File the request the token stands for: true when filed, false when this person already has
     * one pending (or a grant) in that organization, which then stays as it was;
     * INTERNET_ACCESS_REQUEST_DENIED within 14 days of a denial there.
     */
    async file(token: string, reason: string | null, clientAddress: string | undefined): Promise<boolean> {
      const essId = await spendToken(dataSource.manager, token);
      const membership = await dataSource.getRepository(SelfServiceAccount).findOneBy({ essId });
      if (!membership) throw invalidLink();
      await lapse({ contactId: membership.contactId });
      const open = await dataSource.getRepository(InternetAccessRequest).existsBy([
        { contactId: membership.contactId, status: PENDING },
        { contactId: membership.contactId, status: APPROVED },
      ]);
      if (open) return false;
      const denial = await standingDenial(dataSource.manager, membership.contactId, now());
      if (denial?.decidedAt) throw deniedRecently(denial.decidedAt, config.displayTimeZone);
      const context = await mailContext(membership.contactId, membership.organizationId, membership.userName);
      const administrators = await administratorsOf(membership.organizationId, membership.contactId);
      const request = {
        id: randomUUID(),
        contactId: membership.contactId,
        organizationId: membership.organizationId,
        loginEssId: loginEssIdOf(membership),
        userName: membership.userName,
        fullName: context.fullName.slice(0, 200),
        status: PENDING,
        reason: reason?.trim().slice(0, 500) || null,
        clientAddress: clientAddress?.slice(0, 45) ?? null,
        requestedAt: now(),
        decidedAt: null,
        decidedByKind: null,
        decidedById: null,
        decidedByName: null,
        note: null,
      };
      await withRetry(dataSource, async (manager) => {
        await manager.insert(InternetAccessRequest, request);
        await recordEvent(manager, membership, 'INTERNET_ACCESS_REQUESTED', clientAddress);
        for (const recipient of administrators)
          await enqueueMail(manager, {
            recipient,
            ...templates.internetAccessRequested(
              context.organization,
              request,
              `${config.publicUrl}/organization/contacts`,
            ),
          });
      });
      return true;
    },

    /** The organization's requests, pending first; only those with `status` when given. */
    async list(organizationId: string, status: InternetAccessRequestStatus | null | undefined) {
      await lapse({ organizationId });
      const rows = await dataSource
        .getRepository(InternetAccessRequest)
        .findBy(status ? { organizationId, status } : { organizationId });
      return rows.sort(byStatusThenTime);
    },

    /** The membership's grant (an approved request), or null. */
    grantOf: (contactId: string) =>
      dataSource.getRepository(InternetAccessRequest).findOneBy({ contactId, status: APPROVED }),

    /** Approve or deny a pending request: the person is mailed; CONFLICT when it was already decided or lapsed. */
    async decide(
      principal: Principal,
      id: string,
      approve: boolean,
      note: string | null,
      clientAddress: string | undefined,
    ): Promise<InternetAccessRequest> {
      await lapse({ id });
      const repository = dataSource.getRepository(InternetAccessRequest);
      const request = await repository.findOneBy({ id });
      if (!request || !mayDecide(principal, request.organizationId)) throw noSuchRequest();
      if (request.status !== PENDING)
        throw refused(ErrorCode.CONFLICT, `This request is no longer pending (${request.status.toLowerCase()}).`);
      const context = await mailContext(request.contactId, request.organizationId, request.userName);
      const decision = {
        status: approve ? APPROVED : DENIED,
        decidedAt: now(),
        decidedByKind: principal.kind.toUpperCase(),
        decidedById: principal.kind === 'anonymous' ? null : principal.id,
        decidedByName: (await nameOf(principal)).slice(0, 200),
        note: note?.trim().slice(0, 500) || null,
      };
      await withRetry(dataSource, async (manager) => {
        // Decided once: of two administrators at the same time, the second is told it is decided.
        const changed = await manager.update(InternetAccessRequest, { id, status: PENDING }, decision);
        if (changed.affected !== 1) throw refused(ErrorCode.CONFLICT, 'This request is no longer pending.');
        await recordEvent(
          manager,
          request,
          approve ? 'INTERNET_ACCESS_APPROVED' : 'INTERNET_ACCESS_DENIED',
          clientAddress,
          principal,
        );
        await enqueueMail(manager, {
          recipient: request.userName,
          ...templates.internetAccessDecided(context, approve, decision.note, `${config.publicUrl}/sign-in`),
        });
      });
      return repository.findOneByOrFail({ id });
    },

    /** Take back a membership's grant: its next sign-in or refresh from the internet is refused again. */
    async withdraw(principal: Principal, contactId: string, clientAddress: string | undefined): Promise<boolean> {
      const repository = dataSource.getRepository(InternetAccessRequest);
      const grant = await repository.findOneBy({ contactId, status: APPROVED });
      if (!grant || !mayDecide(principal, grant.organizationId))
        throw refused(ErrorCode.NOT_FOUND, 'This contact has no internet access to withdraw.');
      const context = await mailContext(grant.contactId, grant.organizationId, grant.userName);
      const withdrawal = {
        status: WITHDRAWN,
        decidedAt: now(),
        decidedByKind: principal.kind.toUpperCase(),
        decidedById: principal.kind === 'anonymous' ? null : principal.id,
        decidedByName: (await nameOf(principal)).slice(0, 200),
      };
      await withRetry(dataSource, async (manager) => {
        const changed = await manager.update(InternetAccessRequest, { id: grant.id, status: APPROVED }, withdrawal);
        if (changed.affected !== 1)
          throw refused(ErrorCode.NOT_FOUND, 'This contact has no internet access to withdraw.');
        await recordEvent(manager, grant, 'INTERNET_ACCESS_WITHDRAWN', clientAddress, principal);
        await enqueueMail(manager, { recipient: grant.userName, ...templates.internetAccessWithdrawn(context) });
      });
      return true;
    },
  };
}

export type InternetAccessRequests = ReturnType<typeof internetAccessRequests>;
