import { Kind, type GraphQLResolveInfo, type SelectionSetNode } from 'graphql';
import type { DataSource } from 'typeorm';
import { Contact } from './contact.entity';

// What a page of contacts reads from the table: the columns its requested fields show, not all
// twenty (a list page asks for three or four of them; the driver and TypeORM parse and hydrate
// every column selected, for every row).

/** Always read: the key, and the organization every rule on a contact decides by. */
const ALWAYS = ['id', 'organizationId'];
/** Fields that are not columns, and the columns they need (beyond ALWAYS). */
const DERIVED: Record<string, string[]> = { __typename: [], contactTypes: [], organization: [], auditTrail: [] };

/** The field names asked for under `path` (e.g. `items`) of the current field, through fragments. */
function fieldsAt(info: GraphQLResolveInfo, path: string): Set<string> {
  const names = new Set<string>();
  const walk = (set: SelectionSetNode | undefined, depth: number) => {
    for (const node of set?.selections ?? []) {
      if (node.kind === Kind.INLINE_FRAGMENT) walk(node.selectionSet, depth);
      else if (node.kind === Kind.FRAGMENT_SPREAD) walk(info.fragments[node.name.value]?.selectionSet, depth);
      else if (depth === 0 && node.name.value === path) walk(node.selectionSet, 1);
      else if (depth === 1) names.add(node.name.value);
    }
  };
  for (const node of info.fieldNodes) walk(node.selectionSet, 0);
  return names;
}

/**
 * The contact columns the page's `items` need, or undefined (every column) when a field asked for
 * is neither a column nor known here: a new field then works, only slower.
 */
export function contactColumnsFor(
  dataSource: DataSource,
  info: GraphQLResolveInfo,
  path = 'items',
): string[] | undefined {
  const columns = new Set(dataSource.getMetadata(Contact).columns.map((column) => column.propertyName));
  const needed = new Set(ALWAYS);
  for (const field of fieldsAt(info, path)) {
    if (field in DERIVED) DERIVED[field].forEach((c) => needed.add(c));
    else if (columns.has(field)) needed.add(field);
    else return undefined;
  }
  return [...needed];
}
