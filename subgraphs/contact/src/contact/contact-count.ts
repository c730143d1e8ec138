import {
  EventSubscriber,
  type DataSource,
  type EntityManager,
  type EntitySubscriberInterface,
  type InsertEvent,
} from 'typeorm';
import { Contact } from './contact.entity';

const TABLE = 'organization_contact_count';

/** Count one more contact of `organizationId`; atomic, in the caller's transaction. */
async function countOneMore(manager: EntityManager, organizationId: string): Promise<void> {
  const sqlite = manager.connection.options.type === 'better-sqlite3';
  await manager.query(
    sqlite
      ? `INSERT INTO ${TABLE} (organizationId, contacts) VALUES (?, 1) ON CONFLICT(organizationId) DO UPDATE SET contacts = contacts + 1`
      : `INSERT INTO ${TABLE} (organizationId, contacts) VALUES (?, 1) ON DUPLICATE KEY UPDATE contacts = contacts + 1`,
    [organizationId],
  );
}

/** Keeps the count in step with every contact inserted through TypeORM, in the same transaction. */
@EventSubscriber()
export class ContactCountSubscriber implements EntitySubscriberInterface<Contact> {
  listenTo() {
    return Contact;
  }

  async afterInsert(event: InsertEvent<Contact>): Promise<void> {
    if (event.entity?.organizationId) await countOneMore(event.manager, event.entity.organizationId);
  }
}

/** The organization's number of contacts, from its counter: one primary-key read. */
export async function organizationContactCount(dataSource: DataSource, organizationId: string): Promise<number> {
  const [row] = await dataSource.query<{ contacts: number | string }[]>(
    `SELECT contacts FROM ${TABLE} WHERE organizationId = ?`,
    [organizationId],
  );
  return Number(row?.contacts ?? 0);
}

/**
 * Set the counters from the contact table itself. For rows written with plain SQL around TypeORM
 * (bulk loads in benchmarks and tests), and by the migration that creates the counters.
 */
export async function recountContacts(runner: Pick<DataSource, 'query'>, organizationIds?: string[]): Promise<void> {
  const only = organizationIds?.length ? `WHERE organizationId IN (${organizationIds.map(() => '?').join(', ')})` : '';
  if (only) await runner.query(`DELETE FROM ${TABLE} ${only}`, organizationIds);
  else await runner.query(`DELETE FROM ${TABLE}`);
  await runner.query(
    `INSERT INTO ${TABLE} (organizationId, contacts) SELECT organizationId, COUNT(*) FROM contact ${only} GROUP BY organizationId`,
    organizationIds ?? [],
  );
}
