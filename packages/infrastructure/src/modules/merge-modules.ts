import type { Rule, RuleTree } from '@ecg/policy';
import type { ReferenceResolvers } from '../graphql/federated-schema';
import type { DecoratedClass, LoaderFactory, SubgraphModule } from './subgraph-module';

/** Everything a subgraph's modules contribute, merged; built once at start. */
export interface MergedModules<S> {
  resolvers: DecoratedClass[];
  orphanedTypes: DecoratedClass[];
  references: ReferenceResolvers;
  rules: RuleTree;
  publicEntityTypes: string[];
  everyMutation?: Rule;
  loaders: Map<string, LoaderFactory<S>>;
  entities: NonNullable<SubgraphModule['entities']>;
  migrations: NonNullable<SubgraphModule['migrations']>;
  subscribers: NonNullable<SubgraphModule['subscribers']>;
  routes: NonNullable<SubgraphModule<S>['routes']>[];
}

/** A type's rules are either one rule for every field or a map by field: only maps merge. */
const isFieldMap = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && Object.getPrototypeOf(value) === Object.prototype;

/**
 * Deep-merges the rule trees by type and field. Two modules may each guard fields of one type
 * (`Organization.contacts` in one, `Organization.name` in another); the same field, or a whole
 * type, guarded twice is a mistake that would let one rule silently replace the other.
 */
export function mergeRules(modules: readonly Pick<SubgraphModule, 'name' | 'rules'>[]): RuleTree {
  const merged: Record<string, unknown> = {};
  const wholeType = new Map<string, string>();
  const someField = new Map<string, string>();
  const field = new Map<string, string>();
  const twice = (key: string, earlier: string, later: string) =>
    new Error(`The rule for ${key} is defined twice: in modules "${earlier}" and "${later}"`);
  for (const { name, rules = {} } of modules) {
    for (const [type, value] of Object.entries(rules as Record<string, unknown>)) {
      const whole = wholeType.get(type);
      if (!isFieldMap(value)) {
        const earlier = whole ?? someField.get(type);
        if (earlier) throw twice(type, earlier, name);
        wholeType.set(type, name);
        merged[type] = value;
        continue;
      }
      if (whole) throw twice(type, whole, name);
      if (!someField.has(type)) someField.set(type, name);
      const fields = (merged[type] ??= {}) as Record<string, unknown>;
      for (const [fieldName, rule] of Object.entries(value)) {
        const key = `${type}.${fieldName}`;
        const earlier = field.get(key);
        if (earlier) throw twice(key, earlier, name);
        field.set(key, name);
        fields[fieldName] = rule;
      }
    }
  }
  return merged as RuleTree;
}

/** One entry per key across modules, or a start-time error naming both modules. */
function mergeUnique<V>(
  modules: readonly SubgraphModule[],
  what: string,
  pick: (m: SubgraphModule) => Record<string, V> | undefined,
) {
  const merged = new Map<string, V>();
  const owner = new Map<string, string>();
  for (const module of modules) {
    for (const [key, value] of Object.entries(pick(module) ?? {})) {
      if (owner.has(key))
        throw new Error(`The ${what} ${key} is defined twice: in modules "${owner.get(key)}" and "${module.name}"`);
      owner.set(key, module.name);
      merged.set(key, value);
    }
  }
  return merged;
}

/**
 * Migrations as TypeORM runs them, by the timestamp that ends each class name, whichever module
 * lists them: the order a database was built in, for tools and tests that read the list.
 */
function inTimestampOrder<M extends new () => unknown>(migrations: M[]): M[] {
  const timestamp = (migration: M) => Number(/(\d{13})$/.exec(migration.name)?.[1] ?? NaN);
  for (const migration of migrations)
    if (Number.isNaN(timestamp(migration)))
      throw new Error(`Migration ${migration.name}: its class name must end in a 13-digit timestamp`);
  return [...migrations].sort((a, b) => timestamp(a) - timestamp(b));
}

export function mergeModules<S>(modules: readonly SubgraphModule<S>[]): MergedModules<S> {
  const all = <T>(pick: (m: SubgraphModule<S>) => T[] | undefined) => [
    ...new Set(modules.flatMap((m) => pick(m) ?? [])),
  ];
  const guards = modules.filter((m) => m.everyMutation);
  if (guards.length > 1)
    throw new Error(`Only one module may guard every mutation: "${guards.map((m) => m.name).join('", "')}" do`);
  return {
    resolvers: all((m) => m.resolvers),
    orphanedTypes: all((m) => m.orphanedTypes),
    references: Object.fromEntries(mergeUnique(modules, 'reference resolver for', (m) => m.references)),
    rules: mergeRules(modules),
    publicEntityTypes: all((m) => m.publicEntityTypes),
    everyMutation: guards[0]?.everyMutation,
    loaders: mergeUnique(modules, 'loader', (m) => m.loaders) as Map<string, LoaderFactory<S>>,
    entities: all((m) => m.entities),
    migrations: inTimestampOrder(all((m) => m.migrations)),
    subscribers: all((m) => m.subscribers),
    routes: all((m) => (m.routes ? [m.routes.bind(m)] : [])),
  };
}
