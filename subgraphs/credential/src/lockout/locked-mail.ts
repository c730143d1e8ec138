import { IsNull, type DataSource, type EntityManager } from 'typeorm';
import type { Logger } from '@ecg/infrastructure';
import type { Directory } from '../contact-directory/contact-directory';
import type { CredentialConfig } from '../config';
import { enqueueMail } from '../mail/outbox';
import { OutboxMessage } from '../mail/outbox-message.entity';
import { templates } from '../mail/templates';
import { confirmedMembershipsOf } from '../person/login-rows';
import type { SelfServiceAccount } from '../self-service/self-service-account.entity';

/** How long the plain lockout mail waits for its names (a crash between the lock and the lookup sends it plain). */
const HOLD_MS = 60_000;

type Known = { fullName?: string; name?: string; administrators: string[] }[];

/**
 * The lockout email, in two steps so that counting a failed attempt never waits on another
 * subgraph: `queue` runs inside the transaction that locks (no lookup, only the login's own row),
 * and holds a plain mail; `complete` runs after the commit, asks the contact and organization
 * subgraphs for the names and whom to ask, and rewrites the held mail. If they do not answer, the
 * plain mail goes as it is. Either way exactly one mail per lock, queued atomically with it.
 */
export function lockedMails(dataSource: DataSource, config: CredentialConfig, directory: Directory, logger: Logger) {
  const resetUrl = `${config.publicUrl}/self-service/forgot-password`;

  function mailFor(login: Pick<SelfServiceAccount, 'userName'>, known: Known) {
    const recipient = login.userName;
    const fullName = known[0]?.fullName ?? login.userName;
    if (known.length <= 1) {
      const organization = known[0]?.name ?? 'your organization';
      const userName = login.userName;
      return {
        recipient,
        ...templates.locked({ fullName, organization, userName }, known[0]?.administrators ?? [], resetUrl),
      };
    }
    const organizations = known.map((k) => ({ name: k.name ?? 'your organization', administrators: k.administrators }));
    return { recipient, ...templates.lockedPerson({ fullName, userName: login.userName }, organizations, resetUrl) };
  }

  return {
    /** In the locking transaction: the plain mail, held for `complete`; its outbox id. */
    queue: (manager: EntityManager, login: Pick<SelfServiceAccount, 'userName'>) =>
      enqueueMail(manager, mailFor(login, []), new Date(Date.now() + HOLD_MS)),

    /** After the commit: the names filled in, and the mail released either way. */
    async complete(outboxId: string, login: SelfServiceAccount): Promise<void> {
      const outbox = dataSource.getRepository(OutboxMessage);
      const waiting = { id: outboxId, sentAt: IsNull(), claimedUntil: IsNull() };
      try {
        const memberships = await confirmedMembershipsOf(dataSource.manager, login.essId);
        const known = await Promise.all(
          memberships.map(async (m) => {
            const [facts, organization] = await Promise.all([
              directory.contact(m.contactId),
              directory.organization(m.organizationId),
            ]);
            return {
              fullName: facts?.fullName,
              name: organization?.displayName,
              administrators: organization?.administrators ?? [],
            };
          }),
        );
        const { subject, body } = mailFor(login, known);
        await outbox.update(waiting, { subject, body, nextAttemptAt: new Date() });
      } catch (error) {
        logger.warn({ err: (error as Error).message }, 'lockout mail sent without names: directory lookup failed');
        await outbox.update(waiting, { nextAttemptAt: new Date() });
      }
    },
  };
}

export type LockedMails = ReturnType<typeof lockedMails>;
