import 'reflect-metadata';
import { startSubgraph, type RunningServer } from '@ecg/infrastructure';
import { loadContactConfig, type ContactConfig } from './config';
import { AuditEntry } from './audit/audit-entry.entity';
import { Contact } from './contact/contact.entity';
import { ContactTypeAssignment } from './contact/contact-type-assignment.entity';
import { createContext } from './context';
import { seedDemoData } from './demo';
import { contactsExportRoute } from './export/contacts-export.route';
import { CreateContact1763780000000 } from './migrations/1763780000000-create-contact';
import { ContactMaintenance1763800000000 } from './migrations/1763800000000-contact-maintenance';
import { contactSubgraphPermissions as permissions } from './permissions';
import { buildSchema } from './schema';
import { peerServices } from './session/peer-services';

export { buildSchema, loadContactConfig, type ContactConfig };
export const entities = [Contact, ContactTypeAssignment, AuditEntry];
export const migrations = [CreateContact1763780000000, ContactMaintenance1763800000000];

/** The contact subgraph: employer contacts, their contact types, and `Organization.contacts`. */
export function createServer(config: ContactConfig = loadContactConfig()): Promise<RunningServer> {
  return startSubgraph(
    {
      entities,
      migrations,
      buildSchema,
      permissions,
      createContext,
      seedDemoData,
      routes: contactsExportRoute,
      onStart: async () => peerServices(config),
    },
    config,
  );
}
