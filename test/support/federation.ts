import { createServer as createContactServer } from '@ecg/contact';
import { createServer as createCredentialServer } from '@ecg/credential';
import { createServer as createGateway, loadGatewayConfig } from '@ecg/gateway';
import { createServer as createOrganizationServer } from '@ecg/organization';
import { dropDatabase, loadSubgraphConfig, type RunningServer, type SubgraphName } from '@ecg/shared';
import { uniqueDatabaseUrl } from './database';

export interface GraphQLResponse<T = any> {
  data?: T;
  errors?: { message: string; path?: (string | number)[]; extensions?: Record<string, any> }[];
}

export interface Federation {
  gatewayUrl: string;
  subgraphs: Record<SubgraphName, RunningServer>;
  /** POST a GraphQL operation to `url` (default: the gateway). */
  query<T = any>(query: string, variables?: Record<string, unknown>, options?: { url?: string; headers?: Record<string, string> }): Promise<GraphQLResponse<T>>;
  stop(): Promise<void>;
}

const STARTERS = { organization: createOrganizationServer, contact: createContactServer, credential: createCredentialServer };

/**
 * The real thing for a test: the three subgraphs over fresh MariaDB databases (with the demo
 * data), and the gateway over the committed supergraph, all on ephemeral ports.
 */
export async function startFederation(label = 'fed', extraEnv: NodeJS.ProcessEnv = {}): Promise<Federation> {
  const env = {
    HOST: '127.0.0.1',
    DATABASE_URL: uniqueDatabaseUrl(label),
    ORGANIZATION_PORT: '0',
    CONTACT_PORT: '0',
    CREDENTIAL_PORT: '0',
    LOG_LEVEL: process.env.LOG_LEVEL ?? 'silent',
    DEMO_DATA: 'true',
    ...extraEnv,
  };
  const subgraphs = {} as Record<SubgraphName, RunningServer>;
  const configs = (Object.keys(STARTERS) as SubgraphName[]).map((name) => loadSubgraphConfig(name, env));
  try {
    await Promise.all(configs.map(async (config) => (subgraphs[config.name] = await STARTERS[config.name](config))));
  } catch (error) {
    await Promise.all(Object.values(subgraphs).map((s) => s.stop()));
    await Promise.all(configs.map((c) => dropDatabase(c.database)));
    throw error;
  }
  const gateway = await createGateway(
    loadGatewayConfig({
      ...env,
      PORT: '0',
      ORGANIZATION_URL: subgraphs.organization.url,
      CONTACT_URL: subgraphs.contact.url,
      CREDENTIAL_URL: subgraphs.credential.url,
    }),
  );

  return {
    gatewayUrl: gateway.url,
    subgraphs,
    query: async (query, variables, options = {}) => {
      const response = await fetch(options.url ?? gateway.url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...options.headers },
        body: JSON.stringify({ query, variables }),
      });
      return (await response.json()) as GraphQLResponse;
    },
    stop: async () => {
      await gateway.stop();
      await Promise.all(Object.values(subgraphs).map((s) => s.stop()));
      await Promise.all(configs.map((c) => dropDatabase(c.database)));
    },
  };
}
