import { Brackets, In, type DataSource, type FindOptionsSelect } from 'typeorm';
import { LIKE_ESCAPE, likeEscape, pageOffset } from '@ecg/infrastructure';
import { organizationContactCount } from './contact-count';
import { ContactSort } from './contact-enums';
import { Contact } from './contact.entity';
import type { ContactsQuery } from './contact.inputs';

const ORDER: Record<ContactSort, [column: string, direction: 'ASC' | 'DESC']> = {
  FULL_NAME_ASC: ['c.fullName', 'ASC'],
  FULL_NAME_DESC: ['c.fullName', 'DESC'],
  STATUS_ASC: ['c.status', 'ASC'],
  STATUS_DESC: ['c.status', 'DESC'],
  EMAIL_ASC: ['c.primaryEmail', 'ASC'],
  EMAIL_DESC: ['c.primaryEmail', 'DESC'],
};

export type ContactFilter = Omit<ContactsQuery, 'page' | 'pageSize' | 'selfServiceStatus'> & {
  missingEmail?: boolean;
  /** Contacts by their self-service login, as the credential subgraph listed them: only these ids, or all but these. */
  logins?: { contactIds: string[]; except: boolean } | null;
};

/** An organization's contacts, filtered and ordered as the Contacts panel asks. */
export function contactsQuery(dataSource: DataSource, organizationId: string, query: ContactFilter) {
  const qb = dataSource
    .getRepository(Contact)
    .createQueryBuilder('c')
    .where('c.organizationId = :organizationId', { organizationId });
  if (query.missingEmail) qb.andWhere('c.primaryEmail IS NULL');
  if (query.status) qb.andWhere('c.status = :status', { status: query.status });
  if (query.logins?.contactIds.length)
    qb.andWhere(`c.id ${query.logins.except ? 'NOT IN' : 'IN'} (:...loginContactIds)`, {
      loginContactIds: query.logins.contactIds,
    });
  else if (query.logins && !query.logins.except) qb.andWhere('1 = 0');
  if (query.search) {
    const pattern = `%${likeEscape(query.search)}%`;
    qb.andWhere(
      new Brackets((w) =>
        w
          .where(`c.fullName LIKE :pattern ${LIKE_ESCAPE}`, { pattern })
          .orWhere(`c.primaryEmail LIKE :pattern ${LIKE_ESCAPE}`, { pattern }),
      ),
    );
  }
  const [column, direction] = ORDER[query.sort];
  return qb.orderBy(column, direction).addOrderBy('c.id', direction);
}

/** Keys of a contacts query that order or page it; any other key that is set filters it. */
const NOT_FILTERS = new Set(['sort', 'page', 'pageSize']);

/** No filter set: derived from the query's keys, so a filter added later counts rows until told otherwise. */
const isUnfiltered = (query: ContactFilter) =>
  Object.entries(query).every(
    ([key, value]) => NOT_FILTERS.has(key) || value == null || value === false || value === '',
  );

/**
 * The exact number of contacts the filter matches. Unfiltered (the panel's first view), the
 * organization's counter answers in one primary-key read; a filter counts the matching rows with
 * COUNT(*) (no join, so no DISTINCT), from an index where the filter has one.
 */
async function countContacts(dataSource: DataSource, organizationId: string, query: ContactFilter): Promise<number> {
  if (isUnfiltered(query)) return organizationContactCount(dataSource, organizationId);
  const row = await contactsQuery(dataSource, organizationId, query)
    .select('COUNT(*)', 'n')
    .orderBy()
    .getRawOne<{ n: number | string }>();
  return Number(row?.n ?? 0);
}

/**
 * One page and the total, in three statements whatever the page size or how deep the page is:
 * the page's ids come from the index alone (a deep OFFSET skips index entries, not rows), then
 * only those rows are read.
 */
export async function listContacts(
  dataSource: DataSource,
  organizationId: string,
  query: Omit<ContactsQuery, 'selfServiceStatus'> & ContactFilter,
  /** Only these columns of each row (see contact.columns.ts); every column when undefined. */
  columns?: string[],
): Promise<[Contact[], number]> {
  const [ids, total] = await Promise.all([
    contactsQuery(dataSource, organizationId, query)
      .select('c.id', 'id')
      .offset(pageOffset(query))
      .limit(query.pageSize)
      .getRawMany<{ id: string }>(),
    countContacts(dataSource, organizationId, query),
  ]);
  if (ids.length === 0) return [[], total];
  const select = columns && (Object.fromEntries(columns.map((column) => [column, true])) as FindOptionsSelect<Contact>);
  const rows = await dataSource.getRepository(Contact).find({ select, where: { id: In(ids.map((r) => r.id)) } });
  const byId = new Map(rows.map((row) => [row.id, row]));
  return [ids.map((r) => byId.get(r.id)).filter((row): row is Contact => !!row), total];
}
