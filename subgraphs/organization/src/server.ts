import 'reflect-metadata';
import { buildModuleSchema, mergeModules, startSubgraph, type RunningServer } from '@ecg/infrastructure';
import { loadOrganizationConfig, type OrganizationConfig } from './config';
import { seedDemoData } from './demo';
import { organizationModules } from './modules';
import { organizationServices } from './session/session-services';

const merged = mergeModules(organizationModules);
export const { entities, migrations, subscribers } = merged;
export const buildSchema = () => buildModuleSchema(merged);
export { loadOrganizationConfig };
/** The organization-name index's grams, for tools that load organizations with SQL (bench:scale). */
export { nameGrams } from './organization/organization-name-grams';

/** The organization subgraph: organizations, their codes, addresses and internet-access policy. */
export function createServer(config: OrganizationConfig = loadOrganizationConfig()): Promise<RunningServer> {
  return startSubgraph(
    { modules: organizationModules, seedDemoData, onStart: async () => organizationServices(config) },
    config,
  );
}
