import { permissions } from '@ecg/policy';
import { administratorDirectoryPermissions } from './administrator-directory/administrator-directory.permissions';
import { organizationPermissions } from './organization/organization.permissions';

export const organizationSubgraphPermissions = permissions({
  ...organizationPermissions,
  ...administratorDirectoryPermissions,
  Query: { ...organizationPermissions.Query, ...administratorDirectoryPermissions.Query },
});
