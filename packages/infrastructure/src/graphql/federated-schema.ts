import { buildSubgraphSchema } from '@apollo/subgraph';
import type { GraphQLResolverMap } from '@apollo/subgraph/dist/schema-helper';
import { printSchemaWithDirectives } from '@graphql-tools/utils';
import { parse, type GraphQLResolveInfo, type GraphQLSchema } from 'graphql';
import { buildSchema, createResolversMap, type BuildSchemaOptions } from 'type-graphql';
import { assertArgumentsDeclared, validateArguments } from './validate';

/** The federation directives any subgraph may use; composition needs them imported by name. */
const FEDERATION_LINK =
  'extend schema @link(url: "https://specs.apollo.dev/federation/v2.7", import: ["@key", "@shareable", "@external", "@requires", "@provides", "@inaccessible", "@tag"])';

/**
 * Each entity's `__resolveReference(ref, context, info)`. Every subgraph declares its own key
 * fields and context type; `never` accepts a resolver typed with any of them.
 */
export type ReferenceResolvers = Record<
  string,
  { __resolveReference: (ref: never, context: never, info: GraphQLResolveInfo) => unknown }
>;

/**
 * Every subgraph's schema comes from here: type-graphql builds the types, Apollo's
 * `buildSubgraphSchema` adds `_service` and `_entities`, and the reference resolvers join in.
 */
export async function buildFederatedSchema(
  options: Omit<BuildSchemaOptions, 'skipCheck' | 'validate' | 'validateFn'>,
  referenceResolvers: ReferenceResolvers = {},
): Promise<GraphQLSchema> {
  // Arguments are parsed by their zod declarations (declared-input.ts), never by class-validator.
  assertArgumentsDeclared(options.resolvers);
  const schema = await buildSchema({ ...options, skipCheck: true, validate: false, validateFn: validateArguments });
  const resolvers = createResolversMap(schema) as GraphQLResolverMap<unknown>;
  for (const [typeName, reference] of Object.entries(referenceResolvers)) {
    resolvers[typeName] = { ...resolvers[typeName], ...reference } as never;
  }
  return buildSubgraphSchema({
    typeDefs: parse(`${FEDERATION_LINK}\n${printSchemaWithDirectives(schema)}`),
    resolvers,
  });
}
