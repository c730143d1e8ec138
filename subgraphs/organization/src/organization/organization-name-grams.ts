import {
  type EntityManager,
  type EntitySubscriberInterface,
  EventSubscriber,
  type InsertEvent,
  type UpdateEvent,
} from 'typeorm';
import { Organization } from './organization.entity';

/**
 * The search index of organization names: every run of three characters of a name (and the
 * shorter tail at its end), one row per (gram, organization). A name contains `s` only if it has
 * every trigram of `s` (or, for one or two characters, a gram starting with `s`), so the index
 * finds a small superset that the exact LIKE of the old search then confirms: same answers, but
 * found through the primary key (gram, organizationId) instead of reading every name.
 * Grams compare with the name's own collation (MySQL/MariaDB) or NOCASE, LIKE's ASCII-only case
 * folding (SQLite), so they match exactly what LIKE matches, character by character.
 */
export const NAME_GRAM_TABLE = 'organization_name_gram';
export const GRAM_LENGTH = 3;

/** Distinct grams of `text`, by code point: what CHAR_LENGTH and SUBSTRING count in SQL. */
export function nameGrams(text: string): string[] {
  const chars = Array.from(text);
  const grams = new Set<string>();
  for (let i = 0; i < chars.length; i++) grams.add(chars.slice(i, i + GRAM_LENGTH).join(''));
  return [...grams];
}

/** Replace the grams of these organizations; in the caller's transaction. */
export async function indexOrganizationNames(
  manager: EntityManager,
  organizations: { id: string; name: string }[],
): Promise<void> {
  if (organizations.length === 0) return;
  await manager
    .createQueryBuilder()
    .delete()
    .from(NAME_GRAM_TABLE)
    .where('organizationId IN (:...ids)', { ids: organizations.map((o) => o.id) })
    .execute();
  const rows = organizations.flatMap((o) => nameGrams(o.name).map((gram) => ({ gram, organizationId: o.id })));
  // Grams the collation holds equal ("abc" and "ABC", "e" and "é") share one row: ignore repeats.
  for (let start = 0; start < rows.length; start += 1000) {
    await manager
      .createQueryBuilder()
      .insert()
      .into(NAME_GRAM_TABLE, ['gram', 'organizationId'])
      .values(rows.slice(start, start + 1000))
      .orIgnore()
      .execute();
  }
}

/** Keeps the grams in step with every insert and rename made through TypeORM, in the same transaction. */
@EventSubscriber()
export class OrganizationNameGramSubscriber implements EntitySubscriberInterface<Organization> {
  listenTo() {
    return Organization;
  }

  async afterInsert(event: InsertEvent<Organization>): Promise<void> {
    const { id, name } = event.entity ?? {};
    if (id && typeof name === 'string') await indexOrganizationNames(event.manager, [{ id, name }]);
  }

  async afterUpdate(event: UpdateEvent<Organization>): Promise<void> {
    const entity = event.entity as Partial<Organization> | undefined;
    const renamed = event.updatedColumns.some((c) => c.propertyName === 'name') || !event.databaseEntity;
    if (entity?.id && typeof entity.name === 'string' && renamed)
      await indexOrganizationNames(event.manager, [{ id: entity.id, name: entity.name }]);
  }
}
