import type { DataSource } from 'typeorm';
import { rowLoader, type BaseRequestContext } from '@ecg/infrastructure';
import { Organization } from './organization.entity';

export function createOrganizationLoaders(dataSource: DataSource) {
  const repository = dataSource.getRepository(Organization);
  return {
    byId: rowLoader<Organization, string>(repository, 'id'),
    byCode: rowLoader<Organization, string>(repository, 'code'),
  };
}

export type OrganizationLoaders = ReturnType<typeof createOrganizationLoaders>;

/** `context.loaders.organization` */
export const organizationLoaders = {
  organization: (request: BaseRequestContext) => createOrganizationLoaders(request.dataSource),
};
