import { allow, can, isAuthenticated } from '@ecg/shared';
import type { Organization } from './organization.entity';

const itself = (organization: Organization) => organization.id;

/** Reading an organization needs READ on its details, its address READ on the address: own organization only. */
export const organizationPermissions = {
  Query: { organization: isAuthenticated, organizations: isAuthenticated },
  Organization: {
    '*': can('ORGANIZATION_DETAILS', 'READ', itself, 'organization'),
    address: can('ORGANIZATION_ADDRESS', 'READ', itself, 'organization'),
  },
  // Reached only through a guarded Organization field or page.
  Address: allow,
  OrganizationPage: allow,
};
