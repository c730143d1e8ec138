import { createServer as createContactServer } from '@ecg/contact';
import { createServer as createCredentialServer, loadCredentialConfig } from '@ecg/credential';
import { createServer as createGateway, loadGatewayConfig } from '@ecg/gateway';
import { createServer as createOrganizationServer } from '@ecg/organization';
import { dropDatabase, loadSubgraphConfig, type RunningServer, type SubgraphName } from '@ecg/shared';
import { uniqueDatabaseUrl } from './database';
import { freePort } from './ports';

export interface GraphQLResponse<T = any> {
  data?: T;
  errors?: { message: string; path?: (string | number)[]; extensions?: Record<string, any> }[];
}

export interface QueryOptions {
  url?: string;
  token?: string;
  headers?: Record<string, string>;
}

export const TEST_STAFF = { email: 'staff@test.example', password: 'staff-password-for-tests' };

export interface Federation {
  gatewayUrl: string;
  subgraphs: Record<SubgraphName, RunningServer>;
  /** POST a GraphQL operation to `url` (default: the gateway), with `token` as Bearer if given. */
  query<T = any>(query: string, variables?: Record<string, unknown>, options?: QueryOptions): Promise<GraphQLResponse<T>>;
  /** Sign in through the gateway; the access token. */
  login(userName: string, password: string): Promise<string>;
  /** An access token of the test's staff user. */
  staffToken(): Promise<string>;
  stop(): Promise<void>;
}

/**
 * The real thing for a test: the three subgraphs over fresh MariaDB databases (with the demo
 * data), and the gateway over the committed supergraph, all on ephemeral ports.
 */
export async function startFederation(label = 'fed', extraEnv: NodeJS.ProcessEnv = {}): Promise<Federation> {
  const [organizationPort, contactPort, credentialPort] = await Promise.all([freePort(), freePort(), freePort()]);
  const url = (port: number) => `http://127.0.0.1:${port}/graphql`;
  const env: NodeJS.ProcessEnv = {
    HOST: '127.0.0.1',
    DATABASE_URL: uniqueDatabaseUrl(label),
    ORGANIZATION_PORT: String(organizationPort),
    CONTACT_PORT: String(contactPort),
    CREDENTIAL_PORT: String(credentialPort),
    CONTACT_URL: url(contactPort),
    JWKS_URL: `http://127.0.0.1:${credentialPort}/.well-known/jwks.json`,
    STAFF_EMAIL: TEST_STAFF.email,
    STAFF_PASSWORD: TEST_STAFF.password,
    LOG_LEVEL: process.env.LOG_LEVEL ?? 'silent',
    DEMO_DATA: 'true',
    ...extraEnv,
  };
  const configs = {
    organization: loadSubgraphConfig('organization', env),
    contact: loadSubgraphConfig('contact', env),
    credential: loadCredentialConfig(env),
  };
  const subgraphs = {} as Record<SubgraphName, RunningServer>;
  const dropAll = () => Promise.all(Object.values(configs).map((c) => dropDatabase(c.database)));
  try {
    [subgraphs.organization, subgraphs.contact, subgraphs.credential] = await Promise.all([
      createOrganizationServer(configs.organization),
      createContactServer(configs.contact),
      createCredentialServer(configs.credential),
    ]);
  } catch (error) {
    await Promise.all(Object.values(subgraphs).map((s) => s?.stop()));
    await dropAll();
    throw error;
  }
  const gateway = await createGateway(
    loadGatewayConfig({ ...env, PORT: '0', ORGANIZATION_URL: url(organizationPort), CONTACT_URL: url(contactPort), CREDENTIAL_URL: url(credentialPort) }),
  );

  const query: Federation['query'] = async (document, variables, options = {}) => {
    const response = await fetch(options.url ?? gateway.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(options.token ? { authorization: `Bearer ${options.token}` } : {}), ...options.headers },
      body: JSON.stringify({ query: document, variables }),
    });
    return (await response.json()) as GraphQLResponse;
  };
  const login = async (userName: string, password: string) => {
    const { data, errors } = await query('mutation ($u: String!, $p: String!) { login(userName: $u, password: $p) { accessToken } }', { u: userName, p: password });
    if (errors) throw new Error(`login failed for ${userName}: ${JSON.stringify(errors)}`);
    return data.login.accessToken as string;
  };
  let staff: Promise<string> | undefined;

  return {
    gatewayUrl: gateway.url,
    subgraphs,
    query,
    login,
    staffToken: () => (staff ??= login(TEST_STAFF.email, TEST_STAFF.password)),
    stop: async () => {
      await gateway.stop();
      await Promise.all(Object.values(subgraphs).map((s) => s.stop()));
      await dropAll();
    },
  };
}
