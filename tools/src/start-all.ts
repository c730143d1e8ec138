import { spawn, type ChildProcess } from 'node:child_process';
import { resolve } from 'node:path';
import { loadEnvFile } from '@ecg/infrastructure';

// `npm start`: the three subgraphs, then the gateway, each its own process. A service that dies
// after it has served (a crash, a kill, out of memory) is started again with backoff while the
// others keep answering (the gateway gives partial answers meanwhile); Ctrl-C or SIGTERM stops all.
const ROOT = resolve(__dirname, '../..');

loadEnvFile();
const env: NodeJS.ProcessEnv = { ...process.env, APOLLO_TELEMETRY_DISABLED: '1' };
const port = (name: string, fallback: number) => Number(env[name] ?? fallback);
// The subgraphs find the credential subgraph's keys where this launcher starts it.
env.JWKS_URL ??= `http://localhost:${port('CREDENTIAL_PORT', 4003)}/.well-known/jwks.json`;

/** Restart delays: 1 s, 2 s, 4 s ... at most 30 s; a run that lasted a minute starts the series again. */
const FIRST_DELAY_MS = 1000;
const MAX_DELAY_MS = 30_000;
const STABLE_AFTER_MS = 60_000;

interface Service {
  name: string;
  entry: string;
  port: number;
  child?: ChildProcess;
  /** Has answered /health once: from then on a death is a crash to recover from, not a bad configuration. */
  served: boolean;
  failures: number;
  startedAt: number;
  restartTimer?: NodeJS.Timeout;
}

const service = (name: string, entry: string, servicePort: number): Service => ({
  name,
  entry,
  port: servicePort,
  served: false,
  failures: 0,
  startedAt: 0,
});
const SUBGRAPHS = [
  service('organization', 'subgraphs/organization/dist/index.js', port('ORGANIZATION_PORT', 4001)),
  service('contact', 'subgraphs/contact/dist/index.js', port('CONTACT_PORT', 4002)),
  service('credential', 'subgraphs/credential/dist/index.js', port('CREDENTIAL_PORT', 4003)),
];
const GATEWAY = service('gateway', 'gateway/dist/index.js', port('PORT', 4000));
const ALL = [...SUBGRAPHS, GATEWAY];

const log = (message: string) => console.error(`[launcher] ${new Date().toISOString()} ${message}`);

function start(s: Service): void {
  s.startedAt = Date.now();
  const child = spawn(process.execPath, [resolve(ROOT, s.entry)], { env, stdio: 'inherit' });
  s.child = child;
  log(`${s.name} started (pid ${child.pid})`);
  child.once('exit', (code, signal) => onExit(s, child, code, signal));
}

function onExit(s: Service, child: ChildProcess, code: number | null, signal: NodeJS.Signals | null): void {
  if (s.child !== child) return;
  s.child = undefined;
  if (stopping) return;
  const how = signal ? `signal ${signal}` : `code ${code}`;
  if (!s.served) {
    // It never came up: a bad setting or a busy port, which a restart would not cure.
    log(`${s.name} exited (${how}) before it answered; stopping the others.`);
    stop(1);
    return;
  }
  if (Date.now() - s.startedAt >= STABLE_AFTER_MS) s.failures = 0;
  const delay = Math.min(MAX_DELAY_MS, FIRST_DELAY_MS * 2 ** s.failures);
  s.failures++;
  log(
    `${s.name} exited (${how}); restarting it in ${(delay / 1000).toFixed(1)} s (restart ${s.failures} in a row); the others keep running.`,
  );
  s.restartTimer = setTimeout(() => {
    s.restartTimer = undefined;
    if (!stopping) start(s);
  }, delay);
}

async function healthy(s: Service, deadline: number): Promise<void> {
  while (Date.now() < deadline) {
    if (stopping) return;
    try {
      if ((await fetch(`http://127.0.0.1:${s.port}/health`)).ok) {
        s.served = true;
        return;
      }
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`nothing healthy on port ${s.port} (${s.name}) after 60 s`);
}

let stopping = false;
function stop(code: number): void {
  if (stopping) return;
  stopping = true;
  for (const s of ALL) clearTimeout(s.restartTimer);
  const running = ALL.flatMap((s) =>
    s.child && s.child.exitCode === null && s.child.signalCode === null ? [s.child] : [],
  );
  let left = running.length;
  if (left === 0) process.exit(code);
  for (const child of running) {
    child.once('exit', () => --left === 0 && process.exit(code));
    child.kill('SIGTERM');
  }
  setTimeout(() => process.exit(code), 10_000).unref();
}

process.once('SIGINT', () => stop(0));
process.once('SIGTERM', () => stop(0));

async function main() {
  for (const s of SUBGRAPHS) start(s);
  const deadline = Date.now() + 60_000;
  await Promise.all(SUBGRAPHS.map((s) => healthy(s, deadline)));
  if (stopping) return;
  start(GATEWAY);
  await healthy(GATEWAY, Date.now() + 60_000);
  if (stopping) return;
  log('all services answer');
  console.log(
    `\nEmployer Contacts Gateway: open http://localhost:${GATEWAY.port}/sign-in in a browser\n` +
      `  API and GraphiQL (developers): http://localhost:${GATEWAY.port}/graphql   Ctrl-C stops everything\n`,
  );
}

main().catch((error: unknown) => {
  log(error instanceof Error ? error.message : String(error));
  stop(1);
});
