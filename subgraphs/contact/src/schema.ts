import { buildFederatedSchema } from '@ecg/shared';
import { AdministratorDirectoryEntry } from './administrator-directory/administrator-directory-entry';
import { administratorDirectoryReference, AdministratorNamesResolver } from './administrator-directory/administrator-directory.resolver';
import { ContactMaintenanceResolver } from './contact/contact-maintenance.resolver';
import { contactReference } from './contact/contact.reference';
import { ContactResolver } from './contact/contact.resolver';
import { OrganizationContactsResolver } from './organization/organization-contacts.resolver';
import { organizationReference } from './organization/organization.reference';

export const buildSchema = () =>
  buildFederatedSchema(
    {
      resolvers: [ContactResolver, ContactMaintenanceResolver, OrganizationContactsResolver, AdministratorNamesResolver],
      orphanedTypes: [AdministratorDirectoryEntry],
    },
    { ...contactReference, ...organizationReference, ...administratorDirectoryReference },
  );
