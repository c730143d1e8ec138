import * as contact from '@ecg/contact';
import * as credential from '@ecg/credential';
import * as organization from '@ecg/organization';

/**
 * The subgraphs this deployment runs: the one place that names them (the packages under
 * packages/ know none). Tools, tests and benchmarks read names, configs and servers from here.
 */
export const SUBGRAPHS = {
  organization: {
    defaultPort: 4001,
    loadConfig: organization.loadOrganizationConfig,
    createServer: organization.createServer,
    buildSchema: organization.buildSchema,
  },
  contact: {
    defaultPort: 4002,
    loadConfig: contact.loadContactConfig,
    createServer: contact.createServer,
    buildSchema: contact.buildSchema,
  },
  credential: {
    defaultPort: 4003,
    loadConfig: credential.loadCredentialConfig,
    createServer: credential.createServer,
    buildSchema: credential.buildSchema,
  },
} as const;

export type SubgraphName = keyof typeof SUBGRAPHS;
export const SUBGRAPH_NAMES = Object.keys(SUBGRAPHS) as SubgraphName[];
