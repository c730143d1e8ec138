import { Brackets, type DataSource } from 'typeorm';
import { LIKE_ESCAPE, likeEscape, pageOffset, type PageRequest } from '@ecg/shared';
import { Organization } from './organization.entity';

/** Organizations whose code starts with, or whose name contains, `search`; ordered by code. */
export async function searchOrganizations(dataSource: DataSource, search: string, page: PageRequest) {
  const pattern = likeEscape(search);
  return dataSource
    .getRepository(Organization)
    .createQueryBuilder('o')
    .where(
      new Brackets((w) =>
        w
          .where(`o.code LIKE :prefix ${LIKE_ESCAPE}`, { prefix: `${pattern}%` })
          .orWhere(`o.name LIKE :infix ${LIKE_ESCAPE}`, { infix: `%${pattern}%` }),
      ),
    )
    .orderBy('o.code', 'ASC')
    .skip(pageOffset(page))
    .take(page.pageSize)
    .getManyAndCount();
}
