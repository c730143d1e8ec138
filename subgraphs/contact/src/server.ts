import 'reflect-metadata';
import { buildModuleSchema, mergeModules, startSubgraph, type RunningServer } from '@ecg/infrastructure';
import { loadContactConfig, type ContactConfig } from './config';
import { seedDemoData } from './demo';
import { contactModules } from './modules';
import { peerServices } from './session/peer-services';

const merged = mergeModules(contactModules);
export const { entities, migrations } = merged;
export const buildSchema = () => buildModuleSchema(merged);
export { loadContactConfig, type ContactConfig };
export { recountContacts } from './contact/contact-count';

/** The contact subgraph: employer contacts, their contact types, and `Organization.contacts`. */
export function createServer(config: ContactConfig = loadContactConfig()): Promise<RunningServer> {
  return startSubgraph({ modules: contactModules, seedDemoData, onStart: async () => peerServices(config) }, config);
}
