import 'reflect-metadata';
import {
  CreateRateLimit1763790000000,
  RateLimitWindow,
  startSubgraph,
  type RunningServer,
  type SubgraphConfig,
} from '@ecg/infrastructure';
import { loadOrganizationConfig } from './config';
import { createContext } from './context';
import { seedDemoData } from './demo';
import { CreateOrganization1763780000000 } from './migrations/1763780000000-create-organization';
import { OrganizationHelpMessage1763830000000 } from './migrations/1763830000000-organization-help-message';
import { OrganizationNameGrams1763840000000 } from './migrations/1763840000000-organization-name-grams';
import { OrganizationSecondFactorRequired1764100000000 } from './migrations/1764100000000-organization-second-factor-required';
import { Organization } from './organization/organization.entity';
import { OrganizationNameGramSubscriber } from './organization/organization-name-grams';
import { organizationSubgraphPermissions as permissions } from './permissions';
import { buildSchema } from './schema';

export { buildSchema, loadOrganizationConfig };
/** The organization-name index's grams, for tools that load organizations with SQL (bench:scale). */
export { nameGrams } from './organization/organization-name-grams';
export const entities = [Organization, RateLimitWindow];
export const migrations = [
  CreateOrganization1763780000000,
  CreateRateLimit1763790000000,
  OrganizationHelpMessage1763830000000,
  OrganizationNameGrams1763840000000,
  OrganizationSecondFactorRequired1764100000000,
];
export const subscribers = [OrganizationNameGramSubscriber];

/** The organization subgraph: organizations, their codes, addresses and internet-access policy. */
export function createServer(config: SubgraphConfig = loadOrganizationConfig()): Promise<RunningServer> {
  return startSubgraph(
    { entities, migrations, subscribers, buildSchema, permissions, createContext, seedDemoData },
    config,
  );
}
