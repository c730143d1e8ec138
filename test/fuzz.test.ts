import fc from 'fast-check';
import { startFederation, type Federation } from './support/federation';

// Issue 7: thousands of generated documents, variables and values through the gateway, in
// production mode. No 5xx, no stack trace, no crash, and nothing written by a rejected request.
let federation: Federation;
let staff: string;

beforeAll(async () => {
  federation = await startFederation('fuzz', { NODE_ENV: 'production', DEMO_DATA: 'true', GRAPHIQL: 'false' });
  staff = await federation.staffToken();
});
afterAll(() => federation?.stop());

const NASTY = [
  "' OR 1=1 --", "'; DROP TABLE contact; --", '" OR ""="', '<script>alert(1)</script>', '%', '_', '\\', '\u0000', '\u202e', '𝔘𝔫𝔦𝔠𝔬𝔡𝔢 ✓', 'ñ', '../../etc/passwd',
  '${7*7}', '{{7*7}}', 'a'.repeat(5000), '9'.repeat(400), '-1', '0', '1e309', 'NaN', 'null', 'undefined', '42061', '01001',
];
const text = fc.oneof(fc.string({ maxLength: 120, unit: 'binary' }), fc.constantFrom(...NASTY), fc.emailAddress(), fc.uuid());
const value: fc.Arbitrary<unknown> = fc.oneof(
  { weight: 5, arbitrary: text },
  fc.integer(), fc.double(), fc.boolean(), fc.constant(null), fc.bigInt().map((b) => b.toString()),
  fc.array(text, { maxLength: 4 }), fc.dictionary(fc.string({ maxLength: 8 }), text, { maxKeys: 4 }),
);

const contactInput = fc.record({
  organizationId: fc.oneof(fc.constant(null as unknown), value),
  firstName: value, lastName: value, primaryEmail: value, confirmPrimaryEmail: value, status: fc.oneof(fc.constantFrom('ACTIVE', 'INACTIVE'), value),
  contactTypes: fc.oneof(fc.constant(['READ_ONLY']), value), primaryPhoneNumber: value, primaryPhoneExtension: value, gender: value, jobTitle: value,
}, { requiredKeys: [] });

const TEMPLATES: [string, fc.Arbitrary<Record<string, unknown>>][] = [
  ['query ($c: String!) { organization(code: $c) { name address { city } contacts { totalCount } } }', fc.record({ c: value })],
  ['query ($s: String!, $p: Int!, $ps: Int!) { organizations(search: $s, page: $p, pageSize: $ps) { totalCount items { code } } }', fc.record({ s: value, p: value, ps: value })],
  ['query ($id: ID!) { contact(id: $id) { fullName selfService { status } } }', fc.record({ id: value })],
  ['query ($c: String!, $q: String, $st: ContactStatus, $so: ContactSort) { organization(code: $c) { contacts(search: $q, status: $st, sort: $so) { totalCount } } }', fc.record({ c: fc.constant('42061'), q: value, st: value, so: value })],
  ['mutation ($input: CreateContactInput!) { createContact(input: $input) { id } }', fc.record({ input: contactInput })],
  ['mutation ($u: String!) { requestPasswordReset(userName: $u) { message } }', fc.record({ u: value })],
  ['query ($o: String!) { findAdministrators(organization: $o) { administrators } }', fc.record({ o: value })],
  ['mutation ($csv: String!, $org: ID!) { importContactEmails(organization: $org, csv: $csv, dryRun: true) { applied } }', fc.record({ csv: value, org: fc.oneof(fc.constant('ORG'), value) })],
  ['mutation ($t: String!) { completeUnlock(token: $t) }', fc.record({ t: value })],
];

/** A request: a template with generated variables, a template mangled, or generated text as a document. */
const request = fc.oneof(
  { weight: 6, arbitrary: fc.tuple(fc.constantFrom(...TEMPLATES.keys()), fc.boolean()).chain(([i, signedIn]) => TEMPLATES[i][1].map((variables) => ({ query: TEMPLATES[i][0], variables, signedIn }))) },
  { weight: 2, arbitrary: fc.tuple(fc.constantFrom(...TEMPLATES.map((t) => t[0])), fc.nat(), fc.string({ maxLength: 6 })).map(([q, at, junk]) => ({ query: q.slice(0, at % q.length) + junk + q.slice(at % q.length), variables: {}, signedIn: true })) },
  { weight: 1, arbitrary: fc.string({ maxLength: 200, unit: 'binary' }).map((query) => ({ query, variables: {}, signedIn: false })) },
);

it('survives 2,000 generated requests (fixed seed) without a 5xx, a stack trace, a crash or a stray write', async () => {
  const contactsBefore = Number((await federation.subgraphs.contact.dataSource.query('SELECT COUNT(*) AS n FROM contact'))[0].n);
  const organizationsBefore = await federation.subgraphs.organization.dataSource.query('SELECT id, version FROM organization ORDER BY id');
  let created = 0;
  const seen = new Map<string, number>();
  await fc.assert(
    fc.asyncProperty(request, async ({ query, variables, signedIn }) => {
      const body = JSON.stringify({ query, variables: variables ?? {} });
      const response = await fetch(federation.gatewayUrl, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...(signedIn ? { authorization: `Bearer ${staff}` } : {}) },
        body,
      });
      const raw = await response.text();
      expect(response.status).toBeLessThan(500);
      expect(raw).not.toMatch(/stacktrace|\n\s+at [\w.<>]+ \(|node_modules/);
      const parsed = JSON.parse(raw);
      if (parsed.data?.createContact?.id) created++;
      for (const e of parsed.errors ?? []) seen.set(e.extensions?.code ?? 'none', (seen.get(e.extensions?.code ?? 'none') ?? 0) + 1);
      expect(parsed.errors?.map((e: any) => e.extensions?.code) ?? []).not.toContain('INTERNAL_SERVER_ERROR');
    }),
    { seed: 20261122, numRuns: 2000, endOnFailure: true },
  );
  // Every service is still up and healthy.
  expect((await fetch(new URL('/health', federation.gatewayUrl))).status).toBe(200);
  // Only accepted creations wrote anything.
  expect(Number((await federation.subgraphs.contact.dataSource.query('SELECT COUNT(*) AS n FROM contact'))[0].n)).toBe(contactsBefore + created);
  expect(await federation.subgraphs.organization.dataSource.query('SELECT id, version FROM organization ORDER BY id')).toEqual(organizationsBefore);
  // The run exercised the guards, not just the parser.
  expect([...seen.keys()]).toEqual(expect.arrayContaining(['BAD_USER_INPUT', 'GRAPHQL_VALIDATION_FAILED']));
}, 300_000);
