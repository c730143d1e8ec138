import { createServer as createGateway, loadGatewayConfig } from '@ecg/gateway';
import { dropDatabase, type RunningServer } from '@ecg/infrastructure';
import { SUBGRAPHS, type SubgraphName } from './subgraphs';
import { createServer } from 'node:net';

/** A port the OS says is free now: subgraphs that must know each other's address start on these. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

export interface LocalFederation {
  gatewayUrl: string;
  subgraphs: Record<SubgraphName, RunningServer>;
  /** Stop one subgraph (as if it crashed); `start` brings it back on the same port. */
  stopSubgraph(name: SubgraphName): Promise<void>;
  startSubgraph(name: SubgraphName): Promise<void>;
  /** Stop everything; drop the databases when asked (tests and benchmarks do). */
  stop(options?: { dropDatabases?: boolean }): Promise<void>;
}

/**
 * The whole federation in this process, on free ports: the three subgraphs (each on its own
 * database, as `env` configures) and the gateway in front. Tests and benchmarks start this.
 */
export async function startLocalFederation(env: NodeJS.ProcessEnv): Promise<LocalFederation> {
  const [organizationPort, contactPort, credentialPort] = await Promise.all([freePort(), freePort(), freePort()]);
  const url = (port: number) => `http://127.0.0.1:${port}/graphql`;
  const full: NodeJS.ProcessEnv = {
    HOST: '127.0.0.1',
    ...env,
    ORGANIZATION_PORT: String(organizationPort),
    CONTACT_PORT: String(contactPort),
    CREDENTIAL_PORT: String(credentialPort),
    CONTACT_URL: url(contactPort),
    ORGANIZATION_URL: url(organizationPort),
    JWKS_URL: `http://127.0.0.1:${credentialPort}/.well-known/jwks.json`,
  };
  const configs = {
    organization: SUBGRAPHS.organization.loadConfig(full),
    contact: SUBGRAPHS.contact.loadConfig(full),
    credential: SUBGRAPHS.credential.loadConfig(full),
  };
  const dropAll = () => Promise.all(Object.values(configs).map((c) => dropDatabase(c.database)));
  const starters: Record<SubgraphName, () => Promise<RunningServer>> = {
    organization: () => SUBGRAPHS.organization.createServer(configs.organization),
    contact: () => SUBGRAPHS.contact.createServer(configs.contact),
    credential: () => SUBGRAPHS.credential.createServer(configs.credential),
  };
  const started = await Promise.allSettled([starters.organization(), starters.contact(), starters.credential()]);
  const failed = started.find((s) => s.status === 'rejected');
  if (failed) {
    await Promise.all(started.flatMap((s) => (s.status === 'fulfilled' ? [s.value.stop()] : [])));
    await dropAll();
    throw failed.reason;
  }
  const [organization, contact, credential] = started.map((s) => (s as PromiseFulfilledResult<RunningServer>).value);
  const gateway = await createGateway(
    loadGatewayConfig({
      ...full,
      PORT: '0',
      ORGANIZATION_URL: url(organizationPort),
      CONTACT_URL: url(contactPort),
      CREDENTIAL_URL: url(credentialPort),
    }),
  );
  const subgraphs = { organization, contact, credential };
  return {
    gatewayUrl: gateway.url,
    subgraphs,
    stopSubgraph: (name) => subgraphs[name].stop(),
    startSubgraph: async (name) => {
      subgraphs[name] = await starters[name]();
    },
    stop: async ({ dropDatabases = false } = {}) => {
      await gateway.stop();
      await Promise.all(Object.values(subgraphs).map((s) => s.stop()));
      if (dropDatabases) await dropAll();
    },
  };
}
