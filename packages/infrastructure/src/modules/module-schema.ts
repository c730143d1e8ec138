import type { GraphQLSchema } from 'graphql';
import { getMetadataStorage } from 'type-graphql';
import { buildFederatedSchema } from '../graphql/federated-schema';
import type { MergedModules } from './merge-modules';
import type { DecoratedClass } from './subgraph-module';

/** The subgraph's schema from its modules' resolvers, types and reference resolvers. */
export async function buildModuleSchema(
  merged: Pick<MergedModules<unknown>, 'resolvers' | 'orphanedTypes' | 'references'>,
): Promise<GraphQLSchema> {
  const [first, ...rest] = merged.resolvers;
  if (!first) throw new Error('A subgraph needs at least one module with a resolver');
  const schema = await buildFederatedSchema(
    { resolvers: [first, ...rest], orphanedTypes: merged.orphanedTypes },
    merged.references,
  );
  refuseFieldsDefinedTwice(merged.resolvers);
  return schema;
}

/**
 * type-graphql lets a later resolver of `Query.contact` or `Organization.contacts` replace an
 * earlier one without a word; two modules answering one field is a mistake to stop at start.
 */
function refuseFieldsDefinedTwice(resolvers: DecoratedClass[]): void {
  const storage = getMetadataStorage();
  const ours = new Set<unknown>(resolvers);
  const typeName = (target: unknown) =>
    storage.objectTypes.find((t) => t.target === target)?.name ??
    (target as { name?: string } | undefined)?.name ??
    '?';
  const fields = [
    ...storage.queries.map((q) => ({ key: `Query.${q.schemaName}`, target: q.target })),
    ...storage.mutations.map((m) => ({ key: `Mutation.${m.schemaName}`, target: m.target })),
    ...storage.fieldResolvers.map((f) => ({
      key: `${typeName(f.resolverClassMetadata?.getObjectType())}.${f.schemaName}`,
      target: f.target,
    })),
  ].filter((f) => ours.has(f.target));
  const seen = new Map<string, { name: string }>();
  for (const { key, target } of fields) {
    const earlier = seen.get(key);
    if (earlier && earlier !== target)
      throw new Error(`${key} is resolved twice: by ${earlier.name} and by ${target.name}`);
    seen.set(key, target);
  }
}
