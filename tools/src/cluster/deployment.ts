import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, openSync } from 'node:fs';
import { connect } from 'node:net';
import { join, resolve } from 'node:path';
import { freePort } from '../local-federation';
import { startGalera, type GaleraCluster } from './galera';

const ROOT = resolve(__dirname, '../../..');
export const HAPROXY = '/usr/sbin/haproxy';
export const HAPROXY_CONFIG = join(ROOT, 'tools/cluster/haproxy.cfg');

export type ServiceName = 'organization' | 'contact' | 'credential' | 'gateway';
const SUBGRAPHS = ['organization', 'contact', 'credential'] as const;
const ENTRY: Record<ServiceName, string> = {
  organization: 'subgraphs/organization/dist/index.js',
  contact: 'subgraphs/contact/dist/index.js',
  credential: 'subgraphs/credential/dist/index.js',
  gateway: 'gateway/dist/index.js',
};

/** One process of the deployment: a replica of a subgraph, or a gateway. */
export interface ClusterService {
  name: ServiceName;
  /** 1 or 2: the HAProxy server name is name + index. */
  index: number;
  port: number;
  child?: ChildProcess;
}

export interface ClusterDeployment {
  /** The GraphQL endpoint clients call: HAProxy in front of the two gateways. */
  url: string;
  /** The database URL every replica uses: HAProxy (TCP) in front of the Galera nodes. */
  databaseUrl: string;
  galera: GaleraCluster;
  services: ClusterService[];
  /** `kill -9` a replica or a gateway. */
  kill(service: ClusterService): void;
  /** Start it again and wait until it answers /health. */
  restart(service: ClusterService): Promise<void>;
  stop(): Promise<void>;
}

/** What is missing to run the cluster, with its apt-get line. */
export function missingForCluster(): string[] {
  return existsSync(HAPROXY) ? [] : ['haproxy (apt-get install -y haproxy)'];
}

async function healthy(service: ClusterService, timeoutMs = 120_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (!service.child) throw new Error(`${service.name}${service.index} exited before it answered /health`);
    try {
      if ((await fetch(`http://127.0.0.1:${service.port}/health`)).ok) return;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) throw new Error(`${service.name}${service.index}: no healthy answer in time`);
    await new Promise((r) => setTimeout(r, 250));
  }
}

/** HAProxy has read its configuration and listens (or it exited: a bad configuration, a busy port). */
async function listening(haproxy: ChildProcess, port: number): Promise<void> {
  for (let i = 0; i < 100; i++) {
    if (haproxy.exitCode !== null) throw new Error('haproxy exited: see logs/haproxy.log');
    const open = await new Promise<boolean>((done) => {
      const socket = connect(port, '127.0.0.1', () => (socket.destroy(), done(true)));
      socket.once('error', () => done(false));
    });
    if (open) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error('haproxy did not listen within 10 s');
}

const exited = (child: ChildProcess | undefined, signal: NodeJS.Signals) =>
  new Promise<void>((done) => {
    if (!child || child.exitCode !== null || child.signalCode !== null) return done();
    const force = setTimeout(() => child.kill('SIGKILL'), 10_000);
    child.once('exit', () => (clearTimeout(force), done()));
    child.kill(signal);
  });

/**
 * The federation scaled out on one machine: three Galera nodes, HAProxy in front of them (TCP)
 * and of every service (HTTP, health-checked), two replicas of each subgraph and two gateways, each
 * a process of its own from the build (`npm run build:server`). All under `root`; `env` adds the
 * services' settings (staff login, SMTP, demo data, ...).
 */
export async function startClusterDeployment(options: {
  root: string;
  env: NodeJS.ProcessEnv;
  gatewayPort?: number;
  log?: (line: string) => void;
}): Promise<ClusterDeployment> {
  const missing = missingForCluster();
  if (missing.length) throw new Error(`the cluster needs: ${missing.join(', ')}`);
  const log = options.log ?? (() => {});
  const ports = async (n: number) => Promise.all(Array.from({ length: n }, () => freePort()));
  const nodePorts = await Promise.all([0, 1, 2].map(() => ports(4)));
  const galera = await startGalera(join(options.root, 'galera'), nodePorts, log);

  const lb = {
    gateway: options.gatewayPort ?? (await freePort()),
    organization: await freePort(),
    contact: await freePort(),
    credential: await freePort(),
    galera: await freePort(),
  };
  const services: ClusterService[] = [];
  for (const name of [...SUBGRAPHS, 'gateway'] as const)
    for (const index of [1, 2]) services.push({ name, index, port: await freePort() });
  const logs = join(options.root, 'logs');
  mkdirSync(logs, { recursive: true });

  const haproxyEnv: NodeJS.ProcessEnv = {
    ...process.env,
    HAPROXY_STATS_SOCKET: join(options.root, 'haproxy.sock'),
    GATEWAY_LB_PORT: String(lb.gateway),
    ORGANIZATION_LB_PORT: String(lb.organization),
    CONTACT_LB_PORT: String(lb.contact),
    CREDENTIAL_LB_PORT: String(lb.credential),
    GALERA_LB_PORT: String(lb.galera),
    ...Object.fromEntries(galera.nodes.map((n) => [`NODE${n.index}_PORT`, String(n.port)])),
    ...Object.fromEntries(services.map((s) => [`${s.name.toUpperCase()}${s.index}_PORT`, String(s.port)])),
  };
  const haproxyLog = openSync(join(logs, 'haproxy.log'), 'a');
  const haproxy = spawn(HAPROXY, ['-db', '-f', HAPROXY_CONFIG], {
    env: haproxyEnv,
    stdio: ['ignore', haproxyLog, haproxyLog],
  });

  const graphql = (port: number) => `http://127.0.0.1:${port}/graphql`;
  const databaseUrl = `mysql://root@127.0.0.1:${lb.galera}/ecg`;
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    APOLLO_TELEMETRY_DISABLED: '1',
    HOST: '127.0.0.1',
    ...options.env,
    DATABASE_URL: databaseUrl,
    ORGANIZATION_URL: graphql(lb.organization),
    CONTACT_URL: graphql(lb.contact),
    CREDENTIAL_URL: graphql(lb.credential),
    JWKS_URL: `http://127.0.0.1:${lb.credential}/.well-known/jwks.json`,
  };
  function launch(service: ClusterService) {
    const out = openSync(join(logs, `${service.name}${service.index}.log`), 'a');
    const port = service.name === 'gateway' ? 'PORT' : `${service.name.toUpperCase()}_PORT`;
    const child = spawn(process.execPath, [join(ROOT, ENTRY[service.name])], {
      env: { ...env, [port]: String(service.port) },
      stdio: ['ignore', out, out],
    });
    service.child = child;
    child.once('exit', () => {
      if (service.child === child) service.child = undefined;
    });
  }

  const stop = async () => {
    const gateways = services.filter((s) => s.name === 'gateway');
    await Promise.all(gateways.map((s) => exited(s.child, 'SIGTERM')));
    await Promise.all(services.map((s) => exited(s.child, 'SIGTERM')));
    await exited(haproxy, 'SIGTERM');
    await galera.stop();
  };
  try {
    await listening(haproxy, lb.galera);
    // Every replica at once, on empty databases, each reaching whichever node HAProxy gives it.
    const replicas = services.filter((s) => s.name !== 'gateway');
    log(`starting ${replicas.length} subgraph replicas`);
    replicas.forEach(launch);
    await Promise.all(replicas.map((s) => healthy(s)));
    const gateways = services.filter((s) => s.name === 'gateway');
    gateways.forEach(launch);
    await Promise.all(gateways.map((s) => healthy(s)));
  } catch (error) {
    await stop();
    throw error;
  }
  return {
    url: graphql(lb.gateway),
    databaseUrl,
    galera,
    services,
    kill: (service) => service.child?.kill('SIGKILL'),
    restart: async (service) => {
      launch(service);
      await healthy(service);
    },
    stop,
  };
}
