import DataLoader from 'dataloader';
import { In, type DataSource } from 'typeorm';
import type { BaseRequestContext } from '@ecg/infrastructure';
import { ContactType } from '@ecg/policy';
import { ContactStatus } from '../contact/contact-enums';
import { Contact } from '../contact/contact.entity';
import { DirectoryAdministrator } from './directory-administrator';

/** The active Administrators of many organizations, in one query: names and published ways to reach them. */
export function administratorsLoader(dataSource: DataSource) {
  return new DataLoader<string, DirectoryAdministrator[]>(async (organizationIds) => {
    const rows = await dataSource
      .getRepository(Contact)
      .createQueryBuilder('c')
      .innerJoin('c.typeAssignments', 't', 't.contactType = :type', { type: ContactType.ADMINISTRATOR })
      .select(['c.id', 'c.organizationId', 'c.fullName', 'c.directoryContact'])
      .where({ organizationId: In([...organizationIds]), status: ContactStatus.ACTIVE })
      .orderBy('c.fullName', 'ASC')
      .getMany();
    const byOrganization = new Map<string, DirectoryAdministrator[]>(organizationIds.map((id) => [id, []]));
    for (const row of rows)
      byOrganization
        .get(row.organizationId)!
        .push(new DirectoryAdministrator(row.id, row.fullName, row.directoryContact));
    return organizationIds.map((id) => byOrganization.get(id)!);
  });
}

/** `context.loaders.administrators` */
export const administratorDirectoryLoaders = {
  administrators: (request: BaseRequestContext) => administratorsLoader(request.dataSource),
};
