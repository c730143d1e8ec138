import 'reflect-metadata';
import { loadSubgraphConfig, startSubgraph, type RunningServer, type SubgraphConfig } from '@ecg/shared';
import { Contact } from './contact/contact.entity';
import { ContactTypeAssignment } from './contact/contact-type-assignment.entity';
import { createContext } from './context';
import { seedDemoData } from './demo';
import { CreateContact1763780000000 } from './migrations/1763780000000-create-contact';
import { contactSubgraphPermissions as permissions } from './permissions';
import { buildSchema } from './schema';

export { buildSchema };
export const entities = [Contact, ContactTypeAssignment];
export const migrations = [CreateContact1763780000000];

/** The contact subgraph: employer contacts, their contact types, and `Organization.contacts`. */
export function createServer(config: SubgraphConfig = loadSubgraphConfig('contact')): Promise<RunningServer> {
  return startSubgraph({ entities, migrations, buildSchema, permissions, createContext, seedDemoData }, config);
}
