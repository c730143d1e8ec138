import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { createInterface } from 'node:readline';
import { loadEnvFile } from '@ecg/infrastructure';

// `npm run dev`: `tsc -b --watch` compiles whatever changed, and after each compile without errors
// every service whose compiled code (its own or a workspace it imports) changed is restarted.
// Restarting on tsc's "Found 0 errors" rather than on file events means a service never starts
// on half-written output. A service that crashes stays down until the next good compile. The
// script starts even when the first `tsc -b` fails (`;` in package.json): fix, save, and it runs.
const ROOT = resolve(__dirname, '../..');
const SERVICES = ['subgraphs/organization', 'subgraphs/contact', 'subgraphs/credential', 'gateway'];

loadEnvFile();
const env: NodeJS.ProcessEnv = { ...process.env, APOLLO_TELEMETRY_DISABLED: '1' };
const log = (message: string) => console.error(`[dev] ${new Date().toISOString()} ${message}`);

interface Service {
  dir: string;
  /** Its dist/ and the dist/ of every @ecg workspace it depends on. */
  watched: string[];
  child?: ChildProcess;
  startedAt: number;
}

/** @ecg package name -> workspace folder, from the root package.json's workspaces. */
function workspaceFolders(): Map<string, string> {
  const { workspaces } = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { workspaces: string[] };
  return new Map(workspaces.map((dir) => [packageJson(dir).name, dir]));
}

function packageJson(dir: string): { name: string; dependencies?: Record<string, string> } {
  return JSON.parse(readFileSync(join(ROOT, dir, 'package.json'), 'utf8')) as ReturnType<typeof packageJson>;
}

function newestJs(dir: string): number {
  let newest = 0;
  if (!existsSync(dir)) return newest;
  for (const entry of readdirSync(dir, { withFileTypes: true, recursive: true })) {
    if (entry.isFile() && entry.name.endsWith('.js'))
      newest = Math.max(newest, statSync(join(entry.parentPath, entry.name)).mtimeMs);
  }
  return newest;
}

const folders = workspaceFolders();
const services: Service[] = SERVICES.map((dir) => {
  const dependencies = Object.keys(packageJson(dir).dependencies ?? {}).flatMap((name) => folders.get(name) ?? []);
  return { dir, watched: [dir, ...dependencies].map((d) => join(ROOT, d, 'dist')), startedAt: 0 };
});

function start(service: Service): void {
  service.startedAt = Date.now();
  const child = spawn(process.execPath, [join(ROOT, service.dir, 'dist/index.js')], { env, stdio: 'inherit' });
  service.child = child;
  child.once('exit', (code, signal) => {
    if (service.child !== child) return;
    service.child = undefined;
    if (!stopping) log(`${service.dir} exited (${signal ?? `code ${code}`}); it starts again after the next change.`);
  });
}

/** SIGTERM (the services close their database and finish requests in flight), then wait: the port must be free. */
function stop(service: Service): Promise<void> {
  const child = service.child;
  service.child = undefined;
  if (!child || child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((done) => {
    const kill = setTimeout(() => child.kill('SIGKILL'), 10_000);
    child.once('exit', () => {
      clearTimeout(kill);
      done();
    });
    child.kill('SIGTERM');
  });
}

async function restartChanged(): Promise<void> {
  const changed = services.filter((s) => !s.child || s.watched.some((dir) => newestJs(dir) > s.startedAt));
  if (changed.length === 0) return;
  log(`${services.some((s) => s.startedAt) ? 'restarting' : 'starting'} ${changed.map((s) => s.dir).join(', ')}`);
  await Promise.all(changed.map(stop));
  if (!stopping) changed.forEach(start);
}

let stopping = false;
let restarting = Promise.resolve();
const tsc = spawn(
  process.execPath,
  [require.resolve('typescript/bin/tsc'), '-b', 'tsconfig.build.json', '--watch', '--preserveWatchOutput'],
  { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'inherit'] },
);
createInterface({ input: tsc.stdout }).on('line', (line) => {
  console.log(line);
  const found = /Found (\d+) errors?\./.exec(line);
  if (!found) return;
  if (found[1] === '0') restarting = restarting.then(restartChanged);
  else if (services.some((s) => s.child)) log('compile errors: the services keep running the last good build.');
  else log('compile errors: the services start after the next compile without errors.');
});
tsc.once('exit', (code) => {
  if (!stopping) log(`tsc --watch exited (code ${code})`);
  shutdown();
});

function shutdown(): void {
  if (stopping) return;
  stopping = true;
  tsc.kill('SIGTERM');
  void Promise.all(services.map(stop)).then(() => process.exit(0));
}
process.once('SIGINT', shutdown);
process.once('SIGTERM', shutdown);
