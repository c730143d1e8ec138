import { ContactType } from '@ecg/policy';
import { TEST_SERVER_URL, uniqueDatabaseUrl } from './support/database';
import { startFederation, type Federation } from './support/federation';
import { signedInContact } from './support/people';
import { startTcpProxy } from './support/tcp-proxy';

// Limits refuse abuse before any resolver runs; faults produce errors, not exits.
let federation: Federation;
let proxy: Awaited<ReturnType<typeof startTcpProxy>>;
let staff: string;

beforeAll(async () => {
  const server = new URL(TEST_SERVER_URL);
  proxy = await startTcpProxy(server.hostname, Number(server.port || 3306));
  const organizationDb = new URL(uniqueDatabaseUrl('fault_org'));
  organizationDb.port = String(proxy.port());
  federation = await startFederation('fault', {
    ORGANIZATION_DATABASE_URL: organizationDb.toString(),
    LOGIN_LIMIT_PER_USER: '5',
  });
  staff = await federation.staffToken();
});
afterAll(async () => {
  await federation?.stop();
  await proxy?.stop();
});

const post = async (url: string, query: string, variables?: object, headers: Record<string, string> = {}) => {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify({ query, variables }),
  });
  return { status: response.status, body: await response.json() };
};
const failures = async (email: string) =>
  Number(
    (
      await federation.subgraphs.credential.dataSource.query(
        'SELECT totalUnsuccessfulAttempts AS n FROM self_service_account WHERE userName = ?',
        [email],
      )
    )[0].n,
  );

describe('query limits', () => {
  it('refuse a 1,000-alias login document before any password is checked, at the gateway and at the subgraph', async () => {
    const { email } = await signedInContact(federation, '42061', [ContactType.READ_ONLY], 'aliased@county.xorg');
    const before = await failures(email);
    const document = `mutation { ${Array.from({ length: 1000 }, (_, i) => `a${i}: login(userName: "${email}", password: "guess ${i}") { accessToken }`).join(' ')} }`;
    for (const url of [federation.gatewayUrl, federation.subgraphs.credential.url]) {
      const { status, body } = await post(url, document);
      expect(status).toBeLessThan(500);
      expect(body.data).toBeUndefined();
      expect(body.errors.length).toBeGreaterThan(0);
    }
    expect(await failures(email)).toBe(before);
  });

  it('allow one credential operation per request, even without aliases', async () => {
    const { body } = await post(
      federation.gatewayUrl,
      'mutation { login(userName: "a@b.c", password: "x") { accessToken } requestPasswordReset(userName: "a@b.c") { message } }',
    );
    expect(body.errors[0].message).toMatch(/At most one/);
  });

  it('refuse a depth-50 document before it is planned or resolved', async () => {
    let selection = 'id';
    for (let i = 0; i < 25; i++)
      selection = `organization { contacts { items { ${selection} } } }`.replace(
        /^organization \{ contacts \{ items \{ (.*) \} \} \}$/,
        `contacts { items { organization { $1 } } }`,
      );
    const document = `{ organization(code: "42061") { ${selection} } }`;
    expect(document.split('{').length - 1).toBeGreaterThan(50);
    for (const url of [federation.gatewayUrl, federation.subgraphs.contact.url]) {
      const { status, body } = await post(url, document, undefined, { authorization: `Bearer ${staff}` });
      expect(status).toBeLessThan(500);
      expect(body.data).toBeUndefined();
      // Depth and cost both refuse it while validating; whichever is checked first answers.
      expect(body.errors[0].message).toMatch(/depth|cost/i);
    }
  });
});

describe('rate limits', () => {
  it('answer RATE_LIMITED with a retry time once a user name has had its sign-ins for the minute', async () => {
    const errors = [];
    for (let i = 0; i < 11; i++) {
      const { body } = await post(
        federation.gatewayUrl,
        'mutation ($u: String!) { login(userName: $u, password: "not it") { accessToken } }',
        { u: 'limited@county.xorg' },
      );
      errors.push(body.errors[0]);
    }
    // 5 in any sliding minute: 11 attempts span at most two windows, so at most 10 get an answer.
    const limited = errors.filter((e) => e.extensions.code === 'RATE_LIMITED');
    expect(limited.length).toBeGreaterThanOrEqual(1);
    expect(errors.filter((e) => e.extensions.code === 'UNAUTHENTICATED').length).toBeLessThanOrEqual(10);
    expect(limited[0].extensions.retryAfterSeconds).toBeGreaterThan(0);
    // At most 6 hits in the current window at the first refusal; a burst at a window's start must fade in the
    // next window too, so the wait can pass the minute: 60 × (1 + 2/6) s at most (see sliding-window.ts).
    expect(limited[0].extensions.retryAfterSeconds).toBeLessThanOrEqual(60 * (1 + 2 / 6));
  });
});

describe('a subgraph going away', () => {
  const QUERY =
    '{ organization(code: "42061") { name contacts(pageSize: 3) { items { fullName selfService { status } } } } }';

  it('leaves the rest of the answer, with an error for the missing part, and recovers when it returns', async () => {
    await federation.stopSubgraph('credential');
    try {
      const partial = await federation.query(QUERY, {}, { token: staff });
      expect(partial.data?.organization.name).toBe('COUNTY OFFICE OF EDUCATION');
      expect(partial.data?.organization.contacts.items.map((c: any) => c.fullName)).toHaveLength(3);
      expect(partial.data?.organization.contacts.items.every((c: any) => c.selfService === null)).toBe(true);
      expect(partial.errors?.length).toBeGreaterThan(0);
    } finally {
      await federation.startSubgraph('credential');
    }
    const whole = await federation.query(QUERY, {}, { token: staff });
    expect(whole.errors).toBeUndefined();
    expect(whole.data.organization.contacts.items.some((c: any) => c.selfService !== null)).toBe(true);
  });
});

describe('the database going away', () => {
  it('gives SERVICE_UNAVAILABLE and an unhealthy /health, never an exit, and service resumes by itself', async () => {
    const health = new URL('/health', federation.subgraphs.organization.url);
    const QUERY = '{ organization(code: "42061") { name } }';
    expect((await federation.query(QUERY, {}, { token: staff })).data.organization.name).toBe(
      'COUNTY OFFICE OF EDUCATION',
    );
    await proxy.block();
    try {
      const { data, errors } = await federation.query(QUERY, {}, { token: staff });
      expect(data?.organization ?? null).toBeNull();
      expect(errors?.[0].extensions?.code).toBe('SERVICE_UNAVAILABLE');
      expect(JSON.stringify(errors)).not.toMatch(/ECONNREFUSED|at .*\.js/);
      expect((await fetch(health)).status).toBe(503);
    } finally {
      await proxy.unblock();
    }
    let answer;
    for (let i = 0; i < 40; i++) {
      answer = await federation.query(QUERY, {}, { token: staff });
      if (answer.data?.organization) break;
      await new Promise((r) => setTimeout(r, 250));
    }
    expect(answer?.data?.organization.name).toBe('COUNTY OFFICE OF EDUCATION');
    expect((await fetch(health)).status).toBe(200);
  });
});
