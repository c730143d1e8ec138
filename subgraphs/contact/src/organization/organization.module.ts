import type { SubgraphModule } from '@ecg/infrastructure';
import { OrganizationContactsResolver } from './organization-contacts.resolver';
import { organizationContactsPermissions } from './organization-contacts.permissions';
import { organizationHealthLoaders } from './organization-health.loaders';
import { OrganizationHealthResolver } from './organization-health.resolver';
import { organizationReference } from './organization.reference';

/** What this subgraph adds to Organization: its contacts, the missing emails, the administrator count, warnings. */
export const organizationModule: SubgraphModule<unknown, typeof organizationHealthLoaders> = {
  name: 'organization',
  resolvers: [OrganizationContactsResolver, OrganizationHealthResolver],
  references: organizationReference,
  rules: organizationContactsPermissions,
  loaders: organizationHealthLoaders,
};
