import type { Rule, RuleTree } from '@ecg/policy';
import type { Express } from 'express';
import type { DataSource, EntitySchema, EntitySubscriberInterface, MigrationInterface } from 'typeorm';
import type { ReferenceResolvers } from '../graphql/federated-schema';
import type { Logger } from '../server/logger';
import type { TokenVerifier } from '@ecg/policy';
import type { BaseRequestContext } from '../server/request-context';

/** A class type-graphql knows by its decorators: a resolver or an object type. */
export type DecoratedClass = abstract new (...args: never[]) => unknown;

/** Makes one request's loader (a DataLoader or a bundle of them) from the request and the subgraph's services. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- each module names its own services type
export type LoaderFactory<S = any> = (request: BaseRequestContext, services: S) => unknown;

/** What a module's HTTP routes may use (the JWKS, downloads). */
export interface RouteTools<S> {
  services: S;
  verify: TokenVerifier;
  dataSource: DataSource;
  logger: Logger;
}

/**
 * What one feature folder contributes to its subgraph: everything a newcomer adding a field
 * touches sits in that folder and is listed here. `startSubgraph({ modules })` merges the modules
 * and refuses to start when two of them define the same rule, loader, reference resolver or field.
 */
export interface SubgraphModule<
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- as above: services are per subgraph
  S = any,
  L extends Record<string, LoaderFactory<S>> = Record<string, LoaderFactory<S>>,
> {
  /** For error messages: the folder's name. */
  name: string;
  /** type-graphql resolver classes. */
  resolvers?: DecoratedClass[];
  /** Types reached only through `_entities` or another subgraph: named so that they are emitted. */
  orphanedTypes?: DecoratedClass[];
  /** `__resolveReference` per entity type this module answers for. */
  references?: ReferenceResolvers;
  /** graphql-shield rules for the types and fields this module defines, beside their resolvers. */
  rules?: RuleTree;
  /** Entity types `_entities` may resolve for anonymous callers (public by design). */
  publicEntityTypes?: string[];
  /** Checked before every mutation of the subgraph (is the caller's session still current?); one module at most. */
  everyMutation?: Rule;
  /** Per-request loaders, by name: `context.loaders.<name>`, made the first time a request asks. */
  loaders?: L;
  entities?: ((new (...args: never[]) => unknown) | EntitySchema)[];
  migrations?: (new () => MigrationInterface)[];
  /** TypeORM subscribers (derived rows kept in step with their entity, e.g. a search index). */
  subscribers?: (new () => EntitySubscriberInterface)[];
  /** HTTP routes beside GraphQL (mounted before it). */
  routes?(app: Express, tools: RouteTools<S>): void;
}

type UnionToIntersection<U> = (U extends unknown ? (u: U) => void : never) extends (i: infer I) => void ? I : never;

/** `{ name: what its factory makes }` for every loader of every module in the list. */
export type LoadersOf<M extends readonly SubgraphModule[]> = UnionToIntersection<
  {
    [K in keyof M]: M[K] extends { loaders?: infer L }
      ? { readonly [N in keyof L]: L[N] extends (...args: never[]) => infer R ? R : never }
      : never;
  }[number]
>;

/**
 * `true` when the loaders the modules `M` contribute are exactly the loaders `L` a subgraph's declared
 * context names, `never` otherwise: `const check: LoadersMatch<typeof modules, Context['loaders']> =
 * true` fails to compile when a module's loader and the context part ways.
 */
export type LoadersMatch<M extends readonly SubgraphModule[], L> =
  LoadersOf<M> extends L ? (L extends LoadersOf<M> ? true : never) : never;

/** A request's context in a subgraph made of `M`, with services `S` (what `onStart` returned). */
export interface ModuleContext<M extends readonly SubgraphModule[], S> extends BaseRequestContext {
  loaders: LoadersOf<M>;
  services: S;
}
