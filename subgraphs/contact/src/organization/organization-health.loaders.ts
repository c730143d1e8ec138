import DataLoader from 'dataloader';
import { In, IsNull, type DataSource } from 'typeorm';
import type { BaseRequestContext } from '@ecg/infrastructure';
import { ContactType } from '@ecg/policy';
import { ContactStatus } from '../contact/contact-enums';
import { Contact } from '../contact/contact.entity';

/** Per-organization counts for many organizations in one grouped query each. */
export function createOrganizationHealthLoaders(dataSource: DataSource) {
  const countBy = (build: (organizationIds: string[]) => Promise<{ organizationId: string; n: string | number }[]>) =>
    new DataLoader<string, number>(async (ids) => {
      const rows = await build([...ids]);
      const counts = new Map(rows.map((r) => [r.organizationId, Number(r.n)]));
      return ids.map((id) => counts.get(id) ?? 0);
    });
  const contacts = () => dataSource.getRepository(Contact).createQueryBuilder('c');
  return {
    activeAdministrators: countBy((ids) =>
      contacts()
        .innerJoin('c.typeAssignments', 't', 't.contactType = :type', { type: ContactType.ADMINISTRATOR })
        .select('c.organizationId', 'organizationId')
        .addSelect('COUNT(*)', 'n')
        .where({ organizationId: In(ids), status: ContactStatus.ACTIVE })
        .groupBy('c.organizationId')
        .getRawMany(),
    ),
    activeWithoutEmail: countBy((ids) =>
      contacts()
        .select('c.organizationId', 'organizationId')
        .addSelect('COUNT(*)', 'n')
        .where({ organizationId: In(ids), status: ContactStatus.ACTIVE, primaryEmail: IsNull() })
        .groupBy('c.organizationId')
        .getRawMany(),
    ),
  };
}

export type OrganizationHealthLoaders = ReturnType<typeof createOrganizationHealthLoaders>;

/** `context.loaders.organizationHealth` */
export const organizationHealthLoaders = {
  organizationHealth: (request: BaseRequestContext) => createOrganizationHealthLoaders(request.dataSource),
};
