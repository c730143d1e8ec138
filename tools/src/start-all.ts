import { spawn, type ChildProcess } from 'node:child_process';
import { resolve } from 'node:path';
import { loadEnvFile } from '@ecg/shared';

// `npm start`: the three subgraphs, then the gateway, each its own process; Ctrl-C stops them all.
const ROOT = resolve(__dirname, '../..');
const children: ChildProcess[] = [];

loadEnvFile();
const env: NodeJS.ProcessEnv = { ...process.env, APOLLO_TELEMETRY_DISABLED: '1' };
const port = (name: string, fallback: number) => Number(env[name] ?? fallback);

const SERVICES = [
  { name: 'organization', entry: 'subgraphs/organization/dist/index.js', port: port('ORGANIZATION_PORT', 4001) },
  { name: 'contact', entry: 'subgraphs/contact/dist/index.js', port: port('CONTACT_PORT', 4002) },
  { name: 'credential', entry: 'subgraphs/credential/dist/index.js', port: port('CREDENTIAL_PORT', 4003) },
];
const GATEWAY = { name: 'gateway', entry: 'gateway/dist/index.js', port: port('PORT', 4000) };

function start(service: { name: string; entry: string }): ChildProcess {
  const child = spawn(process.execPath, [resolve(ROOT, service.entry)], { env, stdio: 'inherit' });
  child.once('exit', (code, signal) => {
    if (!stopping) {
      console.error(`${service.name} exited (${signal ?? code}); stopping the others.`);
      stop(1);
    }
  });
  children.push(child);
  return child;
}

async function healthy(port: number, deadline: number): Promise<void> {
  while (Date.now() < deadline) {
    try {
      if ((await fetch(`http://127.0.0.1:${port}/health`)).ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`nothing healthy on port ${port} after 60 s`);
}

let stopping = false;
function stop(code: number): void {
  if (stopping) return;
  stopping = true;
  const running = children.filter((c) => c.exitCode === null && c.signalCode === null);
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
  for (const service of SERVICES) start(service);
  const deadline = Date.now() + 60_000;
  await Promise.all(SERVICES.map((s) => healthy(s.port, deadline)));
  start(GATEWAY);
  await healthy(GATEWAY.port, Date.now() + 60_000);
  console.log(`\nEmployer Contacts Gateway: http://localhost:${GATEWAY.port}/graphql  (GraphiQL in a browser; Ctrl-C stops everything)\n`);
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  stop(1);
});
