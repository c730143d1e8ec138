import fc from 'fast-check';
import { ContactType } from '@ecg/policy';
import { startFederation, type Federation } from './support/federation';
import { signedInContact } from './support/people';

// Thousands of generated documents, variables and values through the gateway, in
// production mode, as staff, as a contact of 42061 with a limited type, and anonymously. No 5xx,
// no stack trace, no crash, and nothing written by a request that was not accepted.
let federation: Federation;
const tokens: Record<'staff' | 'contact' | 'anonymous', string | undefined> = {
  staff: undefined,
  contact: undefined,
  anonymous: undefined,
};

beforeAll(async () => {
  federation = await startFederation('fuzz', { NODE_ENV: 'production', DEMO_DATA: 'true', GRAPHIQL: 'false' });
  tokens.staff = await federation.staffToken();
  tokens.contact = (
    await signedInContact(federation, '42061', [ContactType.PAYROLL], 'fuzz-payroll@county.xorg')
  ).token;
});
afterAll(() => federation?.stop());

/**
 * A stack trace or an internal path as it appears in an answer: a JSON string escapes its
 * newlines (`\\n    at f (/app/x.ts:3:9)`), so look for the frames and paths themselves.
 */
const INTERNALS = /stacktrace|(?:\n|\\n)\s*at \S|\s{4}at \S|node_modules|\.[cm]?[jt]s:\d/;

/** Every table of every subgraph's database, but those written whatever the answer. */
const WRITTEN_REGARDLESS = new Set([
  'rate_limit', // counts requests, refused ones too: that is its job
  'outbox',
  'password_reset_request', // queues that workers drain in the background
  'migrations',
]);
let checksummed: string[] = [];

/** One checksum per table of the three databases: a write anywhere changes one. */
async function databaseChecksums(): Promise<Record<string, string>> {
  const dataSource = federation.subgraphs.contact.dataSource;
  if (checksummed.length === 0) {
    const names = await Promise.all(
      Object.values(federation.subgraphs).map(
        async (s) => (await s.dataSource.query('SELECT DATABASE() AS name'))[0].name as string,
      ),
    );
    const tables: { db: string; name: string }[] = await dataSource.query(
      `SELECT TABLE_SCHEMA AS db, TABLE_NAME AS name FROM information_schema.TABLES WHERE TABLE_SCHEMA IN (${names.map(() => '?').join(', ')}) ORDER BY 1, 2`,
      names,
    );
    checksummed = tables.filter((t) => !WRITTEN_REGARDLESS.has(t.name)).map((t) => `\`${t.db}\`.\`${t.name}\``);
  }
  const rows: { Table: string; Checksum: string }[] = await dataSource.query(
    `CHECKSUM TABLE ${checksummed.join(', ')}`,
  );
  return Object.fromEntries(rows.map((r) => [r.Table, String(r.Checksum)]));
}

it('knows a stack trace and a source path when a JSON answer carries them', () => {
  const error = new Error('boom');
  expect(JSON.stringify({ errors: [{ message: 'x', extensions: { trace: error.stack } }] })).toMatch(INTERNALS);
  expect(
    JSON.stringify({ errors: [{ message: 'failed at /srv/app/subgraphs/contact/src/contact.resolver.ts:41:7' }] }),
  ).toMatch(INTERNALS);
  expect(
    JSON.stringify({
      errors: [{ message: 'Invalid input: firstName: is required', extensions: { code: 'BAD_USER_INPUT' } }],
    }),
  ).not.toMatch(INTERNALS);
});

const NASTY = [
  "' OR 1=1 --",
  "'; DROP TABLE contact; --",
  '" OR ""="',
  '<script>alert(1)</script>',
  '%',
  '_',
  '\\',
  '\u0000',
  '\u202e',
  '𝔘𝔫𝔦𝔠𝔬𝔡𝔢 ✓',
  'ñ',
  '../../etc/passwd',
  '${7*7}',
  '{{7*7}}',
  'a'.repeat(5000),
  '9'.repeat(400),
  '-1',
  '0',
  '1e309',
  'NaN',
  'null',
  'undefined',
  '42061',
  '01001',
];
const text = fc.oneof(
  fc.string({ maxLength: 120, unit: 'binary' }),
  fc.constantFrom(...NASTY),
  fc.emailAddress(),
  fc.uuid(),
);
const value: fc.Arbitrary<unknown> = fc.oneof(
  { weight: 5, arbitrary: text },
  fc.integer(),
  fc.double(),
  fc.boolean(),
  fc.constant(null),
  fc.bigInt().map((b) => b.toString()),
  fc.array(text, { maxLength: 4 }),
  fc.dictionary(fc.string({ maxLength: 8 }), text, { maxKeys: 4 }),
);

const contactInput = fc.record(
  {
    organizationId: fc.oneof(fc.constant(null), value),
    firstName: value,
    lastName: value,
    primaryEmail: value,
    confirmPrimaryEmail: value,
    status: fc.oneof(fc.constantFrom('ACTIVE', 'INACTIVE'), value),
    contactTypes: fc.oneof(fc.constant(['READ_ONLY']), value),
    primaryPhoneNumber: value,
    primaryPhoneExtension: value,
    gender: value,
    jobTitle: value,
  },
  { requiredKeys: [] },
);

const TEMPLATES: [string, fc.Arbitrary<Record<string, unknown>>][] = [
  [
    'query ($c: String!) { organization(code: $c) { name address { city } contacts { totalCount } } }',
    fc.record({ c: value }),
  ],
  [
    'query ($s: String!, $p: Int!, $ps: Int!) { organizations(search: $s, page: $p, pageSize: $ps) { totalCount items { code } } }',
    fc.record({ s: value, p: value, ps: value }),
  ],
  ['query ($id: ID!) { contact(id: $id) { fullName selfService { status } } }', fc.record({ id: value })],
  [
    'query ($c: String!, $q: String, $st: ContactStatus, $so: ContactSort) { organization(code: $c) { contacts(search: $q, status: $st, sort: $so) { totalCount } } }',
    fc.record({ c: fc.constant('42061'), q: value, st: value, so: value }),
  ],
  [
    'mutation ($input: CreateContactInput!) { createContact(input: $input) { id } }',
    fc.record({ input: contactInput }),
  ],
  ['mutation ($u: String!) { requestPasswordReset(userName: $u) { message } }', fc.record({ u: value })],
  ['query ($o: String!) { findAdministrators(organization: $o) { administrators } }', fc.record({ o: value })],
  [
    'mutation ($csv: String!, $org: ID!) { importContactEmails(organization: $org, csv: $csv, dryRun: true) { applied } }',
    fc.record({ csv: value, org: fc.oneof(fc.constant('ORG'), value) }),
  ],
  ['mutation ($t: String!) { completeUnlock(token: $t) }', fc.record({ t: value })],
];

const principal = fc.constantFrom('staff' as const, 'contact' as const, 'anonymous' as const);
/** A request: a template with generated variables, a template mangled, or generated text as a document. */
const request = fc.oneof(
  {
    weight: 6,
    arbitrary: fc
      .tuple(fc.constantFrom(...TEMPLATES.keys()), principal)
      .chain(([i, as]) => TEMPLATES[i][1].map((variables) => ({ query: TEMPLATES[i][0], variables, as }))),
  },
  {
    weight: 2,
    arbitrary: fc
      .tuple(fc.constantFrom(...TEMPLATES.map((t) => t[0])), fc.nat(), fc.string({ maxLength: 6 }), principal)
      .map(([q, at, junk, as]) => ({
        query: q.slice(0, at % q.length) + junk + q.slice(at % q.length),
        variables: {},
        as,
      })),
  },
  {
    weight: 1,
    arbitrary: fc
      .string({ maxLength: 200, unit: 'binary' })
      .map((query) => ({ query, variables: {}, as: 'anonymous' as const })),
  },
);

it("notices a change to any row of any subgraph's tables", async () => {
  const before = await databaseChecksums();
  const contacts = federation.subgraphs.contact.dataSource;
  const [row] = await contacts.query('SELECT id, jobTitle FROM contact LIMIT 1');
  await contacts.query('UPDATE contact SET jobTitle = ? WHERE id = ?', ['fuzz checksum probe', row.id]);
  try {
    const changed = await databaseChecksums();
    expect(Object.keys(changed).filter((table) => changed[table] !== before[table])).toEqual([
      expect.stringMatching(/\.`?contact`?$/),
    ]);
  } finally {
    await contacts.query('UPDATE contact SET jobTitle = ? WHERE id = ?', [row.jobTitle, row.id]);
  }
});

it('survives 2,000 generated requests (fixed seed) without a 5xx, a stack trace, a crash or a stray write', async () => {
  const seen = new Map<string, number>();
  let checksums = await databaseChecksums();
  await fc.assert(
    fc.asyncProperty(request, async ({ query, variables, as }) => {
      const body = JSON.stringify({ query, variables: variables ?? {} });
      const token = tokens[as];
      const response = await fetch(federation.gatewayUrl, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
        body,
      });
      const raw = await response.text();
      expect(response.status).toBeLessThan(500);
      expect(raw).not.toMatch(INTERNALS);
      const parsed = JSON.parse(raw);
      for (const e of parsed.errors ?? [])
        seen.set(`${as}:${e.extensions?.code ?? 'none'}`, (seen.get(`${as}:${e.extensions?.code ?? 'none'}`) ?? 0) + 1);
      expect(parsed.errors?.map((e: any) => e.extensions?.code) ?? []).not.toContain('INTERNAL_SERVER_ERROR');
      // Only a mutation that was accepted whole may have changed a row, in any table of any subgraph.
      const after = await databaseChecksums();
      const accepted =
        /^\s*mutation\b/.test(query) &&
        !parsed.errors &&
        !!parsed.data &&
        Object.values(parsed.data).every((v) => v !== null);
      if (!accepted) expect(Object.keys(after).filter((table) => after[table] !== checksums[table])).toEqual([]);
      checksums = after;
    }),
    { seed: 20261122, numRuns: 2000, endOnFailure: true },
  );
  // Every service is still up and healthy.
  expect((await fetch(new URL('/health', federation.gatewayUrl))).status).toBe(200);
  // The run exercised the guards for every kind of caller, not just the parser.
  expect([...seen.keys()]).toEqual(
    expect.arrayContaining([
      'staff:BAD_USER_INPUT',
      'contact:FORBIDDEN',
      'anonymous:UNAUTHENTICATED',
      'anonymous:GRAPHQL_VALIDATION_FAILED',
    ]),
  );
}, 300_000);
