import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { dirname, join, normalize, relative } from 'node:path';

/**
 * The credential subgraph's folders stand in layers and import only downward (DESIGN.md section 2),
 * so that every session passes the session gate and every factor change the step-up gate: a flow
 * cannot reach the session store but through the gate below it. This test reads the imports
 * (type imports too) and fails on an upward import, a circle, or two folders that import each other
 * (their files then form one folder in two places), naming them.
 */
const GROUND = 0;
const STORES = 1;
const GATES = 2;
const FLOWS = 3;
const TOP = 4;

/** Each folder's layer; files named like a resolver, module, rule or entry point are on top wherever they are. */
const FOLDERS: Record<string, number> = {
  passwords: GROUND,
  keys: GROUND,
  errors: GROUND,
  crypto: GROUND,
  mail: GROUND,
  migrations: GROUND,
  person: STORES,
  'self-service': STORES,
  sessions: STORES,
  'staff-logins': STORES,
  'contact-directory': STORES,
  organization: STORES,
  contact: STORES,
  gates: GATES,
  lockout: GATES,
  login: FLOWS,
  'second-factor': FLOWS,
  lifecycle: FLOWS,
  'assisted-reset': FLOWS,
  staff: FLOWS,
  purge: FLOWS,
  revocation: FLOWS,
  account: FLOWS,
  me: FLOWS,
  'internet-access': FLOWS,
  'email-reachability': FLOWS,
  'administrator-directory': FLOWS,
};
const TOP_FILES =
  /\.(resolver|module|permissions|inputs|types?|loaders|routes|rule)\.ts$|-cli\.ts$|^(visible-account|index)\.ts$/;
const ROOT_GROUND = ['config.ts'];

const src = __dirname;
const sources = (dir: string): string[] =>
  readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory()
      ? sources(join(dir, entry.name))
      : entry.name.endsWith('.ts') && !entry.name.endsWith('.test.ts')
        ? [relative(src, join(dir, entry.name))]
        : [],
  );

function layerOf(file: string): number {
  const [folder, ...rest] = file.split('/');
  const name = file.split('/').pop()!;
  if (!rest.length) return ROOT_GROUND.includes(folder) ? GROUND : TOP;
  if (TOP_FILES.test(name)) return TOP;
  if (file.includes('/migrations/')) return GROUND;
  if (!(folder in FOLDERS)) throw new Error(`${folder}/ has no layer: add it to FOLDERS in layers.test.ts`);
  return FOLDERS[folder];
}

function importsOf(file: string): string[] {
  const text = readFileSync(join(src, file), 'utf8');
  return [...text.matchAll(/^(?:import|export)\b[^;]*?\bfrom '(\.[^']+)'/gms)].map(([, spec]) => {
    const target = normalize(join(dirname(file), spec));
    return existsSync(join(src, `${target}.ts`)) ? `${target}.ts` : join(target, 'index.ts');
  });
}

const files = sources(src);
const graph = new Map(files.map((file) => [file, importsOf(file)]));

it('imports only downward (or within a layer)', () => {
  const upward = [...graph].flatMap(([file, targets]) =>
    targets.filter((t) => layerOf(t) > layerOf(file)).map((t) => `${file} (${layerOf(file)}) -> ${t} (${layerOf(t)})`),
  );
  expect(upward).toEqual([]);
});

it('has no import circle', () => {
  const circles: string[] = [];
  const done = new Set<string>();
  const visit = (file: string, path: string[]) => {
    if (path.includes(file)) return void circles.push([...path.slice(path.indexOf(file)), file].join(' -> '));
    if (done.has(file)) return;
    for (const target of graph.get(file) ?? []) visit(target, [...path, file]);
    done.add(file);
  };
  for (const file of files) visit(file, []);
  expect(circles).toEqual([]);
});

it('has no two folders that import each other (beside their resolvers and modules, which stand on top)', () => {
  const folderOf = (file: string) => (file.includes('/') && layerOf(file) !== TOP ? file.split('/')[0] : null);
  const edges = new Set(
    [...graph].flatMap(([file, targets]) =>
      targets.flatMap((target) => {
        const [from, to] = [folderOf(file), folderOf(target)];
        return from && to && from !== to ? [`${from} -> ${to}`] : [];
      }),
    ),
  );
  const mutual = [...edges].filter((edge) => {
    const [from, to] = edge.split(' -> ');
    return from < to && edges.has(`${to} -> ${from}`);
  });
  expect(mutual).toEqual([]);
});

it('knows the gates: only the session gate issues sessions, and factor changes take a proof only the step-up gate makes', () => {
  const issuers = files.filter((f) => /\bsessions\.issue\(|\.rotate\(/.test(readFileSync(join(src, f), 'utf8')));
  expect(issuers).toEqual(['gates/session-gate.ts']);
  const provers = files.filter((f) => /\bprovenBy\(/.test(readFileSync(join(src, f), 'utf8')));
  expect(provers).toEqual(['gates/step-up-gate.ts']);
});

it('spends the sign-in budgets in the flows, one place per flow, never in a resolver', () => {
  const spenders = files.filter(
    (f) =>
      layerOf(f) === TOP &&
      /\bconsume(SignInLimits|PasskeySignInLimit|RateLimit)\(/.test(readFileSync(join(src, f), 'utf8')),
  );
  // The lifecycle's public links (reset, unlock, link checks) are budgeted per address in its resolver alone.
  expect(spenders).toEqual(['lifecycle/self-service-lifecycle.resolver.ts']);
});
