import { Brackets, type DataSource } from 'typeorm';
import { LIKE_ESCAPE, likeEscape, pageOffset, type PageRequest } from '@ecg/shared';
import { Organization } from './organization.entity';

/**
 * Organizations whose code starts with, or whose name contains, `search`; ordered by code.
 * `onlyId` narrows the search to one organization (a contact sees only its own).
 */
export async function searchOrganizations(dataSource: DataSource, search: string, page: PageRequest, onlyId?: string) {
  const pattern = likeEscape(search);
  const query = dataSource
    .getRepository(Organization)
    .createQueryBuilder('o')
    .where(
      new Brackets((w) =>
        w
          .where(`o.code LIKE :prefix ${LIKE_ESCAPE}`, { prefix: `${pattern}%` })
          .orWhere(`o.name LIKE :infix ${LIKE_ESCAPE}`, { infix: `%${pattern}%` }),
      ),
    );
  if (onlyId) query.andWhere('o.id = :onlyId', { onlyId });
  return query
    .orderBy('o.code', 'ASC')
    .skip(pageOffset(page))
    .take(page.pageSize)
    .getManyAndCount();
}
