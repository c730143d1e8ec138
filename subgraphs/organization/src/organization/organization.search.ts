import { In, type DataSource } from 'typeorm';
import { LIKE_ESCAPE, likeEscape, pageOffset, type PageRequest } from '@ecg/infrastructure';
import { GRAM_LENGTH, NAME_GRAM_TABLE } from './organization-name-grams';
import { Organization } from './organization.entity';

/** Matches are counted up to this many; the schema says so. */
export const SEARCH_COUNT_LIMIT = 1000;
/** Grams of a long search joined at most: any subset finds a superset, which the LIKE then confirms. */
const MAX_GRAMS = 4;

/** Up to `MAX_GRAMS` distinct grams spread over the search (first and last included). */
function chosenGrams(search: string): string[] {
  const chars = Array.from(search);
  const all = [
    ...new Set(
      Array.from({ length: chars.length - GRAM_LENGTH + 1 }, (_, i) => chars.slice(i, i + GRAM_LENGTH).join('')),
    ),
  ];
  if (all.length <= MAX_GRAMS) return all;
  return [
    ...new Set(Array.from({ length: MAX_GRAMS }, (_, k) => all[Math.round((k * (all.length - 1)) / (MAX_GRAMS - 1))])),
  ];
}

/**
 * The SQL of organizations whose name contains `search`, found through the gram index and
 * confirmed by the exact LIKE of the name: `SELECT id, code ...`, with its parameters.
 */
function nameMatches(search: string, onlyId?: string): [string, unknown[]] {
  const infix = `%${likeEscape(search)}%`;
  const only = onlyId ? ' AND o.id = ?' : '';
  if (Array.from(search).length < GRAM_LENGTH) {
    // One or two characters: some gram starts with them (grams at a name's end are shorter).
    return [
      `SELECT DISTINCT o.id AS id, o.code AS code FROM ${NAME_GRAM_TABLE} g0 JOIN organization o ON o.id = g0.organizationId
       WHERE g0.gram LIKE ? ${LIKE_ESCAPE} AND o.name LIKE ? ${LIKE_ESCAPE}${only}`,
      [`${likeEscape(search)}%`, infix, ...(onlyId ? [onlyId] : [])],
    ];
  }
  const grams = chosenGrams(search);
  // The database starts from the gram with the fewest rows (its range estimate) and checks the others by key.
  const joins = grams
    .slice(1)
    .map(
      (_, i) =>
        ` JOIN ${NAME_GRAM_TABLE} g${i + 1} ON g${i + 1}.organizationId = g0.organizationId AND g${i + 1}.gram = ?`,
    )
    .join('');
  return [
    `SELECT o.id AS id, o.code AS code FROM ${NAME_GRAM_TABLE} g0${joins} JOIN organization o ON o.id = g0.organizationId
     WHERE g0.gram = ? AND o.name LIKE ? ${LIKE_ESCAPE}${only}`,
    [...grams.slice(1), grams[0], infix, ...(onlyId ? [onlyId] : [])],
  ];
}

/**
 * Organizations whose code starts with, or whose name contains, `search`; ordered by code.
 * `onlyId` narrows the search to one organization (a contact sees only its own).
 * The count is exact up to `SEARCH_COUNT_LIMIT` and stops there (it answers at most that).
 *
 * 1. Each branch, bounded: codes by prefix on the code index, names through the gram index.
 * 2. Fewer matches than the limit (every real search for one organization): the page is a slice
 *    of those ids sorted by code, read by primary key. More: the matches are dense, so walking the
 *    code index in order meets a page's worth soon (about (offset + size) x organizations /
 *    matches rows), as the old search did.
 */
export async function searchOrganizations(
  dataSource: DataSource,
  search: string,
  page: PageRequest,
  onlyId?: string,
): Promise<[Organization[], number]> {
  const prefix = `${likeEscape(search)}%`;
  const only = onlyId ? ' AND o.id = ?' : '';
  const [nameSql, nameParams] = nameMatches(search, onlyId);
  const bound = SEARCH_COUNT_LIMIT + 1;
  // Both branches in code order (a sort of at most 2 x bound ids): the page is a slice of it.
  const matches: { id: string; via: string }[] = await dataSource.query(
    `SELECT id, code, 'code' AS via FROM (SELECT o.id AS id, o.code AS code FROM organization o WHERE o.code LIKE ? ${LIKE_ESCAPE}${only} LIMIT ${bound}) c
     UNION ALL
     SELECT id, code, 'name' AS via FROM (${nameSql} LIMIT ${bound}) n
     ORDER BY code`,
    [prefix, ...(onlyId ? [onlyId] : []), ...nameParams],
  );
  const ids = [...new Set(matches.map((m) => m.id))];
  const complete =
    matches.filter((m) => m.via === 'code').length < bound && matches.filter((m) => m.via === 'name').length < bound;
  const total = Math.min(ids.length, SEARCH_COUNT_LIMIT);
  const repository = dataSource.getRepository(Organization);
  if (complete) {
    const pageIds = ids.slice(pageOffset(page), pageOffset(page) + page.pageSize);
    if (pageIds.length === 0) return [[], total];
    const rows = new Map((await repository.findBy({ id: In(pageIds) })).map((o) => [o.id, o]));
    return [pageIds.flatMap((id) => rows.get(id) ?? []), total];
  }
  const query = repository
    .createQueryBuilder('o')
    .where(`(o.code LIKE :prefix ${LIKE_ESCAPE} OR o.name LIKE :infix ${LIKE_ESCAPE})`, {
      prefix,
      infix: `%${likeEscape(search)}%`,
    });
  if (onlyId) query.andWhere('o.id = :onlyId', { onlyId });
  const items = await query.orderBy('o.code', 'ASC').skip(pageOffset(page)).take(page.pageSize).getMany();
  return [items, total];
}
