import { buildFederatedSchema } from '@ecg/infrastructure';
import { AdministratorDirectoryEntry } from './administrator-directory/administrator-directory-entry';
import {
  administratorDirectoryReference,
  AdministratorNamesResolver,
} from './administrator-directory/administrator-directory.resolver';
import { ContactAuditResolver, OrganizationAuditResolver } from './audit/audit.resolver';
import { ContactMaintenanceResolver } from './contact/contact-maintenance.resolver';
import { contactReference } from './contact/contact.reference';
import { ContactResolver } from './contact/contact.resolver';
import { EmailImportResolver } from './email-import/email-import.resolver';
import { ContactsExportResolver } from './export/contacts-export.resolver';
import { OrganizationContactsResolver } from './organization/organization-contacts.resolver';
import { OrganizationHealthResolver } from './organization/organization-health.resolver';
import { organizationReference } from './organization/organization.reference';

export const buildSchema = () =>
  buildFederatedSchema(
    {
      resolvers: [
        ContactResolver,
        ContactMaintenanceResolver,
        ContactAuditResolver,
        EmailImportResolver,
        OrganizationContactsResolver,
        OrganizationHealthResolver,
        OrganizationAuditResolver,
        ContactsExportResolver,
        AdministratorNamesResolver,
      ],
      orphanedTypes: [AdministratorDirectoryEntry],
    },
    { ...contactReference, ...organizationReference, ...administratorDirectoryReference },
  );
