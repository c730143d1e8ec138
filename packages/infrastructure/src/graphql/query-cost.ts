import type { ApolloServerPlugin } from '@apollo/server';
import { appError, ErrorCode } from '@ecg/policy';
import {
  getNamedType,
  getNullableType,
  isInterfaceType,
  isListType,
  isObjectType,
  Kind,
  OperationTypeNode,
  type FieldNode,
  type FragmentDefinitionNode,
  type GraphQLField,
  type GraphQLNamedType,
  type GraphQLSchema,
  type OperationDefinitionNode,
  type SelectionSetNode,
  type ValueNode,
} from 'graphql';

export const QUERY_TOO_COSTLY = ErrorCode.QUERY_TOO_COSTLY;

/** Arguments that say how many items a field returns. */
const SIZE_ARGUMENTS = ['pageSize', 'first', 'last', 'limit'];

export interface QueryCostOptions {
  maxCost: number;
  /** Items assumed for a list that says nothing of its size, and for a size argument without a default. */
  assumedListSize: number;
  /** Sizes above this count as this: resolvers refuse bigger pages anyway (pagination caps them at 100). */
  maxListSize: number;
}

export const DEFAULT_COST_OPTIONS: Omit<QueryCostOptions, 'maxCost'> = { assumedListSize: 10, maxListSize: 100 };

interface Walk {
  schema: GraphQLSchema;
  fragments: Record<string, FragmentDefinitionNode>;
  variables: Record<string, unknown>;
  variableDefaults: Record<string, ValueNode | undefined>;
  options: QueryCostOptions;
}

/**
 * What an operation costs: every field counts 1 for each time it is resolved, so a field inside
 * `contacts(pageSize: 100) { items { ... } }` counts 100 times, and inside a further
 * `auditTrail(pageSize: 100)` 10,000 times. Sizes come from `pageSize`/`first`/`last`/`limit`
 * (literal, variable, or the argument's default), from the length of a list of keys
 * (`_entities(representations:)`), or else `assumedListSize`. Aliases and fragments count each
 * time they appear, since each is resolved.
 */
export function operationCost(
  schema: GraphQLSchema,
  operation: OperationDefinitionNode,
  fragments: Record<string, FragmentDefinitionNode>,
  variables: Record<string, unknown> | undefined,
  options: QueryCostOptions,
): number {
  const root =
    operation.operation === OperationTypeNode.QUERY
      ? schema.getQueryType()
      : operation.operation === OperationTypeNode.MUTATION
        ? schema.getMutationType()
        : schema.getSubscriptionType();
  if (!root) return 0;
  const variableDefaults = Object.fromEntries(
    (operation.variableDefinitions ?? []).map((d) => [d.variable.name.value, d.defaultValue]),
  );
  return selectionCost(
    operation.selectionSet,
    root,
    undefined,
    { schema, fragments, variables: variables ?? {}, variableDefaults, options },
    new Set(),
  );
}

/** The cost of one instance of `parentType`; `pageSize` is the size a paged parent gave its item list. */
function selectionCost(
  selectionSet: SelectionSetNode,
  parentType: GraphQLNamedType,
  pageSize: number | undefined,
  walk: Walk,
  fragmentsOnPath: Set<string>,
): number {
  let total = 0;
  for (const selection of selectionSet.selections) {
    if (selection.kind === Kind.FIELD) {
      total += fieldCost(selection, parentType, pageSize, walk, fragmentsOnPath);
    } else if (selection.kind === Kind.INLINE_FRAGMENT) {
      const type = selection.typeCondition ? walk.schema.getType(selection.typeCondition.name.value) : parentType;
      total += selectionCost(selection.selectionSet, type ?? parentType, pageSize, walk, fragmentsOnPath);
    } else {
      const name = selection.name.value;
      const fragment = walk.fragments[name];
      // A cycle is invalid (graphql's own rule says so); stop here instead of looping.
      if (!fragment || fragmentsOnPath.has(name)) continue;
      const type = walk.schema.getType(fragment.typeCondition.name.value) ?? parentType;
      total += selectionCost(fragment.selectionSet, type, pageSize, walk, new Set(fragmentsOnPath).add(name));
    }
  }
  return total;
}

function fieldCost(
  node: FieldNode,
  parentType: GraphQLNamedType,
  pageSize: number | undefined,
  walk: Walk,
  fragmentsOnPath: Set<string>,
): number {
  if (node.name.value.startsWith('__')) return node.name.value === '__typename' ? 0 : 1;
  const field =
    isObjectType(parentType) || isInterfaceType(parentType) ? parentType.getFields()[node.name.value] : undefined;
  // An unknown field is graphql's validation's to refuse; it costs what a field costs.
  if (!field) return 1;
  if (!node.selectionSet) return 1;
  const ownSize = sizeArgument(node, field, walk);
  const isList = isListType(getNullableType(field.type));
  // A list's items: its own size, the page size its paged parent gave, the number of keys asked, or a guess.
  const items = isList ? (ownSize ?? pageSize ?? keysAsked(node, walk) ?? walk.options.assumedListSize) : 1;
  const childPageSize = isList ? undefined : ownSize;
  return 1 + items * selectionCost(node.selectionSet, getNamedType(field.type), childPageSize, walk, fragmentsOnPath);
}

/** The size argument's value: as given, from its variable, or its default; capped at `maxListSize`. */
function sizeArgument(node: FieldNode, field: GraphQLField<unknown, unknown>, walk: Walk): number | undefined {
  const definition = field.args.find((arg) => SIZE_ARGUMENTS.includes(arg.name));
  if (!definition) return undefined;
  const given = node.arguments?.find((arg) => arg.name.value === definition.name)?.value;
  const value = given ? valueOf(given, walk) : definition.defaultValue;
  const size = typeof value === 'number' && Number.isFinite(value) ? value : walk.options.assumedListSize;
  return Math.max(0, Math.min(Math.ceil(size), walk.options.maxListSize));
}

/** `_entities(representations: [...])` returns one item per key. */
function keysAsked(node: FieldNode, walk: Walk): number | undefined {
  let largest: number | undefined;
  for (const argument of node.arguments ?? []) {
    const value = argument.value.kind === Kind.LIST ? argument.value.values : valueOf(argument.value, walk);
    if (Array.isArray(value)) largest = Math.max(largest ?? 0, value.length);
  }
  return largest;
}

function valueOf(node: ValueNode, walk: Walk): unknown {
  switch (node.kind) {
    case Kind.INT:
    case Kind.FLOAT:
      return Number(node.value);
    case Kind.VARIABLE: {
      const name = node.name.value;
      if (name in walk.variables) return walk.variables[name];
      const fallback = walk.variableDefaults[name];
      return fallback ? valueOf(fallback, walk) : undefined;
    }
    default:
      return undefined;
  }
}

/**
 * Refuses an operation over `maxCost` once it is parsed, validated and its variables are known,
 * before any resolver (or, at the gateway, any subgraph) is asked anything.
 */
export function queryCostLimit(options: QueryCostOptions): ApolloServerPlugin {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ schema, document, operation, request }) {
          if (!operation) return;
          const fragments = Object.fromEntries(
            document.definitions
              .filter((d): d is FragmentDefinitionNode => d.kind === Kind.FRAGMENT_DEFINITION)
              .map((d) => [d.name.value, d]),
          );
          const cost = operationCost(schema, operation, fragments, request.variables, options);
          if (cost <= options.maxCost) return;
          const shown = cost > Number.MAX_SAFE_INTEGER ? `more than ${Number.MAX_SAFE_INTEGER}` : String(cost);
          throw appError(
            QUERY_TOO_COSTLY,
            `This query is too costly: a cost of ${shown} is over the maximum of ${options.maxCost}. Ask for smaller pages or fewer nested lists.`,
            {
              extensions: { cost: Math.min(cost, Number.MAX_SAFE_INTEGER), maxCost: options.maxCost },
              httpStatus: true,
            },
          );
        },
      };
    },
  };
}
