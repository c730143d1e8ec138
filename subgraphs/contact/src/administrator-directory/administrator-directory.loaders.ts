import DataLoader from 'dataloader';
import { In, type DataSource } from 'typeorm';
import type { BaseRequestContext } from '@ecg/infrastructure';
import { ContactType } from '@ecg/policy';
import { ContactStatus } from '../contact/contact-enums';
import { Contact } from '../contact/contact.entity';

/** Full names of the active Administrators of many organizations, in one query. */
export function administratorNamesLoader(dataSource: DataSource) {
  return new DataLoader<string, string[]>(async (organizationIds) => {
    const rows = await dataSource
      .getRepository(Contact)
      .createQueryBuilder('c')
      .innerJoin('c.typeAssignments', 't', 't.contactType = :type', { type: ContactType.ADMINISTRATOR })
      .select(['c.organizationId', 'c.fullName'])
      .where({ organizationId: In([...organizationIds]), status: ContactStatus.ACTIVE })
      .orderBy('c.fullName', 'ASC')
      .getMany();
    const byOrganization = new Map<string, string[]>(organizationIds.map((id) => [id, []]));
    for (const row of rows) byOrganization.get(row.organizationId)!.push(row.fullName);
    return organizationIds.map((id) => byOrganization.get(id)!);
  });
}

/** `context.loaders.administrators` */
export const administratorDirectoryLoaders = {
  administrators: (request: BaseRequestContext) => administratorNamesLoader(request.dataSource),
};
