import { spawnSync } from 'node:child_process';
import { readdirSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';

// Part of `npm run build` (and so of `npm start`): the web app's type check and Vite build take
// seconds every time, so they run only when something they read is newer than what they wrote.
// `npm run build:web` still builds unconditionally.
const ROOT = resolve(__dirname, '../..');
const WEB = join(ROOT, 'clients/web');
const OUTPUT = join(WEB, 'dist/index.html');
/** What the build reads: the sources (the generated operations included), its configuration, the dependencies. */
const INPUTS = [
  join(WEB, 'src'),
  join(WEB, 'public'),
  join(WEB, 'index.html'),
  join(WEB, 'graphiql.html'),
  join(WEB, 'vite.config.ts'),
  join(WEB, 'tsconfig.json'),
  join(WEB, 'package.json'),
  join(ROOT, 'package-lock.json'),
];

/** The latest change under `path`; a directory's own time counts, so a deleted or renamed file does too. */
export function newestChange(path: string): number {
  const stat = statSync(path, { throwIfNoEntry: false });
  if (!stat) return 0;
  if (!stat.isDirectory()) return stat.mtimeMs;
  return readdirSync(path).reduce((newest, entry) => Math.max(newest, newestChange(join(path, entry))), stat.mtimeMs);
}

/** True when `output` exists and nothing in `inputs` changed after it was written. */
export function buildIsCurrent(output = OUTPUT, inputs = INPUTS): boolean {
  const built = statSync(output, { throwIfNoEntry: false });
  return !!built && inputs.every((input) => newestChange(input) <= built.mtimeMs);
}

if (require.main === module) {
  if (buildIsCurrent()) {
    console.log('clients/web/dist is newer than its sources: web build skipped.');
  } else {
    const { status } = spawnSync('npm', ['run', 'build', '-w', '@ecg/web'], { cwd: ROOT, stdio: 'inherit' });
    process.exit(status ?? 1);
  }
}
