import { execFileSync, spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

// "A change to the schema that breaks a page fails the build". On a copy of the web
// app: the supergraph loses a field the account page shows (`previousLogin`). The app's
// operations no longer generate; once the operation drops the field too, the page's type check
// (the first step of the web build) fails, naming the page. The unchanged copy passes.
const ROOT = resolve(__dirname, '..');
const WEB = join(ROOT, 'clients/web');
// Inside the web app's node_modules, so the copy resolves React's and Vite's types as the app does.
const COPY = join(WEB, 'node_modules/.cache', `web-build-check-${process.pid}`);
const OPERATIONS = join(COPY, 'src/graphql/operations');
const GENERATED = join(COPY, 'src/graphql/generated.ts');
// The TypeScript client's files the app reads too (tools/src/codegen.ts: SHARED), copied beside it.
const SHARED = join(COPY, 'shared');

beforeAll(() => {
  rmSync(COPY, { recursive: true, force: true });
  mkdirSync(COPY, { recursive: true });
  cpSync(join(WEB, 'src'), join(COPY, 'src'), { recursive: true });
  cpSync(join(WEB, 'tsconfig.json'), join(COPY, 'tsconfig.json'));
  mkdirSync(SHARED);
  for (const file of ['fragments.graphql', 'self-service.graphql'])
    cpSync(join(ROOT, 'clients/typescript/operations', file), join(SHARED, file));
});
afterAll(() => rmSync(COPY, { recursive: true, force: true }));

const typeCheck = () =>
  spawnSync(process.execPath, [require.resolve('typescript/bin/tsc'), '-p', join(COPY, 'tsconfig.json')], {
    encoding: 'utf8',
  });

const sharedFiles = () => readdirSync(SHARED).map((f) => join(SHARED, f));

/** The generator's plugins are ES modules jest's sandbox cannot load: run it in Node (tools/dist, built by `npm test`'s pretest). */
function generate(supergraphFile: string): { ok: boolean; output: string } {
  const script = `require(${JSON.stringify(join(ROOT, 'tools/dist/codegen.js'))})
    .generateClientTypes({ operationsDir: ${JSON.stringify(OPERATIONS)}, shared: ${JSON.stringify(sharedFiles())}, generated: ${JSON.stringify(GENERATED)} }, require('fs').readFileSync(${JSON.stringify(supergraphFile)}, 'utf8'))
    .then((code) => require('fs').writeFileSync(${JSON.stringify(GENERATED)}, code), (e) => { console.error(e.message); process.exit(1); });`;
  const run = spawnSync(process.execPath, ['-e', script], { encoding: 'utf8' });
  return { ok: run.status === 0, output: run.stdout + run.stderr };
}

it('fails the web build when the schema loses a field a page uses, and passes unchanged', () => {
  expect(typeCheck().status).toBe(0);

  const supergraph = readFileSync(join(ROOT, 'schema/supergraph.graphql'), 'utf8');
  const field = /^\s*previousLogin: DateTimeISO\s*$/m;
  expect(supergraph).toMatch(field);
  const changed = join(COPY, 'supergraph-without-previous-login.graphql');
  writeFileSync(changed, supergraph.replace(field, ''));

  // The app's operations ask for the field: they no longer generate (`npm run codegen` fails, and the drift check with it).
  const refused = generate(changed);
  expect(refused.ok).toBe(false);
  expect(refused.output).toMatch(/previousLogin/);

  // The operations drop the field: the types generate, and the pages that show it fail the type check.
  for (const file of [...readdirSync(OPERATIONS).map((f) => join(OPERATIONS, f)), ...sharedFiles()])
    writeFileSync(file, readFileSync(file, 'utf8').replace(/\bpreviousLogin\b/g, ''));
  expect(generate(changed)).toMatchObject({ ok: true });
  const checked = typeCheck();
  expect(checked.status).not.toBe(0);
  expect(checked.stdout).toMatch(/src\/pages\/account\.tsx.*previousLogin/);
});

it('makes the type check part of the web build (npm run build runs it before Vite)', () => {
  const scripts = JSON.parse(readFileSync(join(WEB, 'package.json'), 'utf8')).scripts as Record<string, string>;
  expect(scripts.build).toMatch(/^tsc -p tsconfig\.json --noEmit && vite build$/);
  expect(execFileSync('git', ['check-ignore', '-q', COPY], { cwd: ROOT }).toString()).toBe('');
});
