import { buildSchema, Kind, parse, type FragmentDefinitionNode, type OperationDefinitionNode } from 'graphql';
import { DEFAULT_COST_OPTIONS, operationCost } from './query-cost';

const schema = buildSchema(`
  type Query { organization(code: String!): Organization, entities(keys: [ID!]!): [Organization]! }
  type Organization { name: String!, contacts(page: Int! = 1, pageSize: Int! = 10): ContactPage!, tags: [String!]!, people: [Contact!]! }
  type ContactPage { totalCount: Int!, items: [Contact!]! }
  type Contact { fullName: String!, auditTrail(pageSize: Int! = 10): AuditPage!, changes: [Change!]! }
  type AuditPage { items: [Audit!]! }
  type Audit { action: String!, changes: [Change!]! }
  type Change { field: String! }
`);

const cost = (document: string, variables?: Record<string, unknown>) => {
  const ast = parse(document);
  const operation = ast.definitions.find((d) => d.kind === Kind.OPERATION_DEFINITION) as OperationDefinitionNode;
  const fragments = Object.fromEntries(
    ast.definitions
      .filter((d): d is FragmentDefinitionNode => d.kind === Kind.FRAGMENT_DEFINITION)
      .map((d) => [d.name.value, d]),
  );
  return operationCost(schema, operation, fragments, variables, { ...DEFAULT_COST_OPTIONS, maxCost: 1 });
};

describe('query cost', () => {
  it('counts every field once per item of the pages around it', () => {
    // organization, contacts, totalCount, items + 100 x fullName
    expect(cost('{ organization(code: "a") { contacts(pageSize: 100) { totalCount items { fullName } } } }')).toBe(
      4 + 100,
    );
    // ... and + 100 x (auditTrail, items + 100 x action)
    expect(
      cost(
        '{ organization(code: "a") { contacts(pageSize: 100) { items { auditTrail(pageSize: 100) { items { action } } } } } }',
      ),
    ).toBe(3 + 100 * (2 + 100));
  });

  it('takes the argument default when no size is given, and variables as sent or defaulted', () => {
    const paged = (size: string) => `{ organization(code: "a") { contacts${size} { items { fullName } } } }`;
    expect(cost(paged(''))).toBe(3 + 10);
    expect(
      cost('query ($s: Int!) { organization(code: "a") { contacts(pageSize: $s) { items { fullName } } } }', { s: 50 }),
    ).toBe(3 + 50);
    expect(
      cost('query ($s: Int! = 40) { organization(code: "a") { contacts(pageSize: $s) { items { fullName } } } }'),
    ).toBe(3 + 40);
  });

  it('counts a page bigger than the cap as the cap (the resolver refuses it anyway)', () => {
    expect(cost('{ organization(code: "a") { contacts(pageSize: 100000) { items { fullName } } } }')).toBe(3 + 100);
  });

  it('guesses 10 for a list that says nothing of its size, and the number of keys for a list of keys', () => {
    expect(cost('{ organization(code: "a") { people { fullName } } }')).toBe(2 + 10);
    expect(cost('{ entities(keys: ["1", "2", "3"]) { name } }')).toBe(1 + 3);
    expect(cost('query ($k: [ID!]!) { entities(keys: $k) { name } }', { k: Array(40).fill('x') })).toBe(1 + 40);
    // A list of leaves is one field.
    expect(cost('{ organization(code: "a") { tags } }')).toBe(2);
  });

  it('counts aliases and fragments each time they appear', () => {
    const one = cost('{ organization(code: "a") { contacts(pageSize: 100) { items { fullName } } } }');
    expect(
      cost(
        '{ a: organization(code: "a") { contacts(pageSize: 100) { items { fullName } } } b: organization(code: "a") { contacts(pageSize: 100) { items { fullName } } } }',
      ),
    ).toBe(2 * one);
    expect(
      cost(
        '{ a: organization(code: "a") { ...page } b: organization(code: "a") { ...page } } fragment page on Organization { contacts(pageSize: 100) { items { ... on Contact { fullName } } } }',
      ),
    ).toBe(2 * one);
  });

  it('does not loop on a fragment cycle (graphql refuses the document anyway)', () => {
    expect(
      cost(
        '{ organization(code: "a") { ...a } } fragment a on Organization { name ...b } fragment b on Organization { ...a }',
      ),
    ).toBe(2);
  });
});
