import { createServer as createGateway, loadGatewayConfig } from '@ecg/gateway';
import { dropDatabase, type RunningServer } from '@ecg/infrastructure';
import { startRoundRobinProxy, type RoundRobinProxy } from './round-robin-proxy';
import { SUBGRAPH_NAMES, SUBGRAPHS, type SubgraphName } from './subgraphs';

export interface ReplicatedFederation {
  /** One URL per gateway; each sends every subgraph call through that subgraph's proxy. */
  gatewayUrls: string[];
  /** The replicas of each subgraph, all on that subgraph's ONE database. */
  replicas: Record<SubgraphName, RunningServer[]>;
  /** The round-robin proxy in front of each subgraph's replicas (production has a load balancer). */
  proxies: Record<SubgraphName, RoundRobinProxy>;
  stop(options?: { dropDatabases?: boolean }): Promise<void>;
}

/**
 * The federation as a scaled-out deployment runs it, in this process: `replicas` copies of each
 * subgraph, all started at the same time on one database per subgraph, a round-robin proxy in
 * front of each subgraph, and `gateways` gateways over the proxies. Subgraphs reach each other
 * (and the JWKS) through the proxies too, as they would through a load balancer.
 */
export async function startReplicatedFederation(
  env: NodeJS.ProcessEnv,
  { replicas = 2, gateways = 2 } = {},
): Promise<ReplicatedFederation> {
  const proxyList = await Promise.all(SUBGRAPH_NAMES.map(() => startRoundRobinProxy()));
  const proxies = Object.fromEntries(SUBGRAPH_NAMES.map((name, i) => [name, proxyList[i]])) as Record<
    SubgraphName,
    RoundRobinProxy
  >;
  const graphql = (name: SubgraphName) => `${proxies[name].url}/graphql`;
  const full: NodeJS.ProcessEnv = {
    HOST: '127.0.0.1',
    ...env,
    CONTACT_URL: graphql('contact'),
    ORGANIZATION_URL: graphql('organization'),
    CREDENTIAL_URL: graphql('credential'),
    JWKS_URL: `${proxies.credential.url}/.well-known/jwks.json`,
  };
  // Port 0: every replica on a port of its own, found when it listens.
  const configs = {
    organization: { ...SUBGRAPHS.organization.loadConfig(full), port: 0 },
    contact: { ...SUBGRAPHS.contact.loadConfig(full), port: 0 },
    credential: { ...SUBGRAPHS.credential.loadConfig(full), port: 0 },
  };
  const starters: Record<SubgraphName, () => Promise<RunningServer>> = {
    organization: () => SUBGRAPHS.organization.createServer(configs.organization),
    contact: () => SUBGRAPHS.contact.createServer(configs.contact),
    credential: () => SUBGRAPHS.credential.createServer(configs.credential),
  };
  const dropAll = () => Promise.all(Object.values(configs).map((c) => dropDatabase(c.database)));
  const stopProxies = () => Promise.all(proxyList.map((p) => p.stop()));

  // Every replica of every subgraph at once, on empty databases: what two pods starting together do.
  const starts = SUBGRAPH_NAMES.flatMap((name) =>
    Array.from({ length: replicas }, () => ({ name, started: starters[name]() })),
  );
  const settled = await Promise.allSettled(starts.map((s) => s.started));
  const failed = settled.find((s): s is PromiseRejectedResult => s.status === 'rejected');
  if (failed) {
    await Promise.all(settled.flatMap((s) => (s.status === 'fulfilled' ? [s.value.stop()] : [])));
    await Promise.all([stopProxies(), dropAll()]);
    throw failed.reason;
  }
  const running = Object.fromEntries(SUBGRAPH_NAMES.map((name) => [name, [] as RunningServer[]])) as Record<
    SubgraphName,
    RunningServer[]
  >;
  settled.forEach((s, i) => running[starts[i].name].push((s as PromiseFulfilledResult<RunningServer>).value));
  for (const name of SUBGRAPH_NAMES) proxies[name].setBackends(running[name].map((r) => new URL(r.url).origin));

  const gatewayServers = await Promise.all(
    Array.from({ length: gateways }, () => createGateway(loadGatewayConfig({ ...full, PORT: '0' }))),
  );
  return {
    gatewayUrls: gatewayServers.map((g) => g.url),
    replicas: running,
    proxies,
    stop: async ({ dropDatabases = false } = {}) => {
      await Promise.all(gatewayServers.map((g) => g.stop()));
      await Promise.all(
        Object.values(running)
          .flat()
          .map((r) => r.stop()),
      );
      await stopProxies();
      if (dropDatabases) await dropAll();
    },
  };
}
