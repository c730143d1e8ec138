import { loadSubgraphConfig, type SubgraphConfig } from '@ecg/infrastructure';

/** The organization subgraph's settings: only what every subgraph has (ORGANIZATION_PORT, default 4001). */
export const loadOrganizationConfig = (env: NodeJS.ProcessEnv = process.env): SubgraphConfig =>
  loadSubgraphConfig({ name: 'organization', defaultPort: 4001 }, env);
