import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { cpus, loadavg, totalmem } from 'node:os';
import { resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import { dropDatabase } from '@ecg/infrastructure';
import { freePort } from './local-federation';
import { SUBGRAPHS } from './subgraphs';

// What the benchmarks share: the real services as separate processes (as `npm start` runs them),
// CPU time per process read from /proc, and a closed-loop load generator.
const ROOT = resolve(__dirname, '../..');
const TICKS_PER_SECOND = 100; // USER_HZ on Linux

export interface BenchFederation {
  env: NodeJS.ProcessEnv;
  urls: { gateway: string; organization: string; contact: string; credential: string };
  pids: { gateway: number; organization: number; contact: number; credential: number };
  /** Stop the services and drop their databases (also done on Ctrl-C, SIGTERM and SIGHUP). */
  stop(): Promise<void>;
}

/**
 * The federation on empty databases of its own (`<label>_<pid>_*` on BENCH_DATABASE_URL's server,
 * else the tests' MariaDB), no demo data, a staff login for the benchmark; and the organization and
 * contact databases, which the benchmarks fill with SQL.
 */
export async function startBenchDataSet(label: string, staff: { email: string; password: string }) {
  const server = new URL(
    process.env.BENCH_DATABASE_URL ?? process.env.TEST_DATABASE_URL ?? 'mysql://root@127.0.0.1:3306',
  );
  server.pathname = `/${label}_${process.pid}`;
  const federation = await startBenchFederation({
    DATABASE_URL: server.toString(),
    DEMO_DATA: 'false',
    STAFF_EMAIL: staff.email,
    STAFF_PASSWORD: staff.password,
  });
  const databases = (['organization', 'contact'] as const).map(
    (name) => SUBGRAPHS[name].loadConfig(federation.env).database,
  );
  return { federation, databases };
}

/** The three subgraphs and the Apollo gateway, built (`npm run build`), each in its own process. */
export async function startBenchFederation(env: NodeJS.ProcessEnv): Promise<BenchFederation> {
  const [gateway, organization, contact, credential] = await Promise.all([
    freePort(),
    freePort(),
    freePort(),
    freePort(),
  ]);
  const url = (port: number) => `http://127.0.0.1:${port}/graphql`;
  const full: NodeJS.ProcessEnv = {
    ...process.env,
    APOLLO_TELEMETRY_DISABLED: '1',
    HOST: '127.0.0.1',
    LOG_LEVEL: process.env.LOG_LEVEL ?? 'warn',
    ...env,
    PORT: String(gateway),
    ORGANIZATION_PORT: String(organization),
    CONTACT_PORT: String(contact),
    CREDENTIAL_PORT: String(credential),
    ORGANIZATION_URL: url(organization),
    CONTACT_URL: url(contact),
    CREDENTIAL_URL: url(credential),
    JWKS_URL: `http://127.0.0.1:${credential}/.well-known/jwks.json`,
  };
  // Every database the services create, dropped when the benchmark ends, fails, or is interrupted
  // (Ctrl-C, SIGTERM, SIGHUP): a benchmark's data set is large and nobody else would drop it.
  const databases = (['organization', 'contact', 'credential'] as const).map(
    (name) => SUBGRAPHS[name].loadConfig(full).database,
  );
  const children: ChildProcess[] = [];
  const stopChildren = () =>
    Promise.all(
      children.map((c) =>
        c.exitCode === null && c.signalCode === null
          ? new Promise((done) => (c.once('exit', done), c.kill('SIGTERM')))
          : Promise.resolve(),
      ),
    );
  let stopped: Promise<void> | undefined;
  const stop = () =>
    (stopped ??= (async () => {
      await stopChildren();
      await Promise.all(databases.map((db) => dropDatabase(db)));
    })());
  onInterrupt(stop);
  // BENCH_CPU_PROF=<dir>: each service writes a V8 CPU profile there when it stops (open it in
  // Chrome DevTools or `node tools/dist/profile-summary.js <dir>`), to see where a request's time goes.
  const profile = process.env.BENCH_CPU_PROF
    ? ['--cpu-prof', `--cpu-prof-dir=${resolve(process.env.BENCH_CPU_PROF)}`]
    : [];
  const start = (entry: string) => {
    const child = spawn(process.execPath, [...profile, resolve(ROOT, entry)], {
      env: full,
      stdio: ['ignore', 'inherit', 'inherit'],
    });
    children.push(child);
    return child;
  };
  const healthy = async (port: number) => {
    for (let i = 0; i < 600; i++) {
      if (
        await fetch(`http://127.0.0.1:${port}/health`).then(
          (r) => r.ok,
          () => false,
        )
      )
        return;
      await new Promise((r) => setTimeout(r, 200));
    }
    throw new Error(`nothing healthy on port ${port}`);
  };
  const subgraphs = {
    organization: start('subgraphs/organization/dist/index.js'),
    contact: start('subgraphs/contact/dist/index.js'),
    credential: start('subgraphs/credential/dist/index.js'),
  };
  const gatewayProcess = await (async () => {
    try {
      await Promise.all([healthy(organization), healthy(contact), healthy(credential)]);
      const started = start('gateway/dist/index.js');
      await healthy(gateway);
      return started;
    } catch (error) {
      await stop();
      throw error;
    }
  })();
  return {
    env: full,
    urls: {
      gateway: url(gateway),
      organization: url(organization),
      contact: url(contact),
      credential: url(credential),
    },
    pids: {
      gateway: gatewayProcess.pid!,
      organization: subgraphs.organization.pid!,
      contact: subgraphs.contact.pid!,
      credential: subgraphs.credential.pid!,
    },
    stop,
  };
}

/** On Ctrl-C, SIGTERM or SIGHUP: `cleanup` (stop the services, drop the databases), then exit. */
export function onInterrupt(cleanup: () => Promise<unknown>): void {
  const interrupted = (signal: NodeJS.Signals) => {
    console.error(`${signal}: stopping the services and dropping the benchmark's databases`);
    void cleanup().finally(() => process.exit(130));
  };
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) process.once(signal, interrupted);
}

/** User + system CPU seconds a process has used so far. */
export function cpuSeconds(pid: number): number {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  // After "pid (comm) ": state is field 0, utime field 11, stime field 12.
  return (Number(fields[11]) + Number(fields[12])) / TICKS_PER_SECOND;
}

export interface LoadResult {
  requests: number;
  perSecond: number;
  p50: number;
  p99: number;
  /** CPU milliseconds per request, by process name. */
  cpuMsPerRequest: Record<string, number>;
}

/** `requests` calls of `send`, `concurrency` at a time; CPU of `processes` measured over the run. */
export async function load(
  send: (i: number) => Promise<void>,
  requests: number,
  concurrency: number,
  processes: Record<string, number>,
): Promise<LoadResult> {
  const before = Object.fromEntries(Object.entries(processes).map(([name, pid]) => [name, cpuSeconds(pid)]));
  const latencies: number[] = [];
  let next = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < requests) {
        const i = next++;
        const t0 = performance.now();
        await send(i);
        latencies.push(performance.now() - t0);
      }
    }),
  );
  const seconds = (performance.now() - started) / 1000;
  latencies.sort((a, b) => a - b);
  const at = (q: number) => latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))];
  const cpuMsPerRequest = Object.fromEntries(
    Object.entries(processes).map(([name, pid]) => [name, ((cpuSeconds(pid) - before[name]) * 1000) / requests]),
  );
  return { requests, perSecond: latencies.length / seconds, p50: at(0.5), p99: at(0.99), cpuMsPerRequest };
}

/** POST an operation; its `data`, typed by the caller; any GraphQL error stops the benchmark. */
export async function graphql<T = unknown>(
  url: string,
  query: string,
  variables: object,
  token?: string,
): Promise<{ data: T }> {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify({ query, variables }),
  });
  const body = (await response.json()) as { data: T; errors?: unknown[] };
  if (body.errors) throw new Error(JSON.stringify(body.errors));
  return body;
}

/** The machine, named, and how busy it was: these benchmarks run on shared machines. */
export function machine(): string {
  const [one] = loadavg();
  return `${cpus().length} × ${cpus()[0]?.model ?? 'unknown CPU'}, ${(totalmem() / 2 ** 30).toFixed(0)} GiB; Node ${process.version}; load average ${one.toFixed(2)} when measured`;
}
