import { rateLimitModule, type LoadersMatch } from '@ecg/infrastructure';
import type { ContactContext } from './context';
import { administratorDirectoryModule } from './administrator-directory/administrator-directory.module';
import { auditModule } from './audit/audit.module';
import { contactModule } from './contact/contact.module';
import { emailImportModule } from './email-import/email-import.module';
import { contactsExportModule } from './export/contacts-export.module';
import { organizationModule } from './organization/organization.module';
import { provisioningModule } from './provisioning/provisioning.module';
import { sessionModule } from './session/session.module';

/** The contact subgraph's feature folders: a new one is added here and nowhere else. */
export const contactModules = [
  contactModule,
  organizationModule,
  auditModule,
  emailImportModule,
  contactsExportModule,
  administratorDirectoryModule,
  sessionModule,
  provisioningModule,
  // SCIM requests are counted per provisioning token.
  rateLimitModule,
] as const;

/** The loaders the modules contribute are the ones the declared context names (a compile-time check). */
export const moduleLoadersMatchContext: LoadersMatch<typeof contactModules, ContactContext['loaders']> = true;
