import { buildSchema, execute, parse } from 'graphql';
import { applyMiddleware } from 'graphql-middleware';
import { allow, oncePerObject, or, permissions, rule } from './rules';

// oncePerObject: a type's '*' rule is decided once per object and request, not once per field,
// and answers exactly what the rule alone answers.
// The federation fields permissions() always names are declared too.
const typeDefs = `type Row { id: ID!, name: String, org: String, note: String }
  scalar _Any
  type _Service { sdl: String }
  type Query { rows: [Row!]!, _service: _Service!, _entities(representations: [_Any!]!): [Row]! }`;
const rows = () => [
  { id: '1', name: 'Ann', org: 'A', note: 'x' },
  { id: '2', name: 'Bob', org: 'B', note: 'y' },
  { id: '3', name: 'Cy', org: 'A', note: 'z' },
];
const query = parse('{ rows { id name org note } }');

function schemaWith(wrap: boolean) {
  const calls = { count: 0 };
  const sameOrg = rule(`sameOrg:${wrap}`, { cache: 'no_cache' })((
    row: { org: string },
    _args,
    context: { org: string },
  ) => {
    calls.count++;
    return row.org === context.org;
  });
  const never = rule(`never:${wrap}`, { cache: 'no_cache' })(() => false);
  const inner = or(never, sameOrg);
  const shielded = permissions({
    Query: { rows: allow },
    Row: { '*': wrap ? oncePerObject(`Row:${wrap}`, inner) : inner },
  });
  return { schema: applyMiddleware(buildSchema(typeDefs), shielded), calls };
}

const run = (schema: ReturnType<typeof schemaWith>['schema']) =>
  execute({
    schema,
    document: query,
    rootValue: { rows: rows() },
    contextValue: { principal: { kind: 'staff', id: 's' }, org: 'A' },
  });

describe('oncePerObject', () => {
  it('asks the rule once per object per request, whatever the number of fields', async () => {
    const { schema, calls } = schemaWith(true);
    await run(schema);
    expect(calls.count).toBe(3);
    await run(schema); // another request decides again
    expect(calls.count).toBe(6);
  });

  it('answers exactly as the rule evaluated for every field', async () => {
    const plain = schemaWith(false);
    const once = schemaWith(true);
    const [expected, actual] = [await run(plain.schema), await run(once.schema)];
    expect(plain.calls.count).toBe(12);
    expect(JSON.parse(JSON.stringify(actual))).toEqual(JSON.parse(JSON.stringify(expected)));
    // Row 2 (another organization) is refused field by field, as before.
    expect(actual.data).toBeNull();
    expect(actual.errors?.map((e) => [e.path?.join('.'), e.extensions.code])).toContainEqual([
      'rows.1.id',
      'FORBIDDEN',
    ]);
  });
});
