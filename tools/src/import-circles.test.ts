import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, normalize, relative } from 'node:path';

/**
 * No workspace's files import each other in a circle, type imports included: a request context
 * inferred from the module list made one through every resolver (context -> modules -> module ->
 * resolver -> context), which compiles but leaves no file that can be read, or changed, first.
 * The credential subgraph's layers.test.ts checks its layers as well.
 */
const ROOT = join(__dirname, '..', '..');
const WORKSPACES = [
  'subgraphs/contact/src',
  'subgraphs/organization/src',
  'subgraphs/credential/src',
  'gateway/src',
  'packages/policy/src',
  'packages/infrastructure/src',
  'packages/demo-data/src',
  'tools/src',
];

function sources(src: string, dir = src): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory()
      ? sources(src, join(dir, entry.name))
      : entry.name.endsWith('.ts') && !entry.name.endsWith('.test.ts')
        ? [relative(src, join(dir, entry.name))]
        : [],
  );
}

function circlesIn(workspace: string): string[] {
  const src = join(ROOT, workspace);
  const files = sources(src);
  const importsOf = (file: string) =>
    [...readFileSync(join(src, file), 'utf8').matchAll(/^(?:import|export)\b[^;]*?\bfrom '(\.[^']+)'/gms)].map(
      ([, spec]) => {
        const target = normalize(join(dirname(file), spec));
        return existsSync(join(src, `${target}.ts`)) ? `${target}.ts` : join(target, 'index.ts');
      },
    );
  const graph = new Map(files.map((file) => [file, importsOf(file)]));
  const circles: string[][] = [];
  const done = new Set<string>();
  const visit = (file: string, path: string[]) => {
    if (path.includes(file)) return void circles.push([...path.slice(path.indexOf(file)), file]);
    if (done.has(file)) return;
    for (const target of graph.get(file) ?? []) visit(target, [...path, file]);
    done.add(file);
  };
  for (const file of files) visit(file, []);
  // TypeORM names a relation from both of its entities (lazy thunks, `Relation<>` types): such a
  // pair is one table relation seen from each end, not an order between two files.
  return circles.filter((circle) => !circle.every((file) => file.endsWith('.entity.ts'))).map((c) => c.join(' -> '));
}

it.each(WORKSPACES)('%s has no import circle', (workspace) => {
  expect(circlesIn(workspace)).toEqual([]);
});
