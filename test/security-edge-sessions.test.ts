import { createHash } from 'node:crypto';
import { createServer as createGateway, loadGatewayConfig } from '@ecg/gateway';
import { ContactType } from '@ecg/policy';
import { startFederation, type Federation } from './support/federation';
import { contactInput, createContact, createOrganization, giveLogin, organizationId, PASSWORD } from './support/people';

// The edge of the system, second round: the browser's one session, what production errors and
// GraphiQL give away, the token check while the key publisher is away, a person's other
// organizations, and what a proxy or a client may send (X-Forwarded-For, Origin, persisted-query
// hashes, large uploads).
jest.setTimeout(120_000);
let federation: Federation;
let staff: string;
let origin: string;

beforeAll(async () => {
  federation = await startFederation('edgesess');
  staff = await federation.staffToken();
  origin = new URL(federation.gatewayUrl).origin;
}, 120_000);
afterAll(() => federation?.stop());

const COOKIE = '__Host-ecg-refresh';
const WEB_APP = { 'content-type': 'application/json', 'x-requested-by': 'web-app' };

/** A /session/* route as the web app calls it, with `cookie` as the browser's cookie jar holds it. */
async function session(path: string, body: object, cookie?: string, headers: Record<string, string> = {}) {
  const response = await fetch(`${origin}${path}`, {
    method: 'POST',
    headers: { ...WEB_APP, ...(cookie ? { cookie: `${COOKIE}=${cookie}` } : {}), ...headers },
    body: JSON.stringify(body),
  });
  const set = response.headers.getSetCookie().find((c) => c.startsWith(`${COOKIE}=`));
  return {
    status: response.status,
    body: (await response.json().catch(() => undefined)) as Record<string, any> | undefined,
    /** The cookie the answer set, or the one the jar keeps. */
    cookie: set ? set.slice(COOKIE.length + 1).split(';')[0] : cookie,
  };
}

/** A contact of `code` with a finished login (the fixture the other security tests use). */
async function person(code: string, email: string, types = [ContactType.READ_ONLY]) {
  const id = await createContact(federation, code, contactInput('Edge', 'Person', email, types));
  await giveLogin(federation, id, code, email);
  return { id, email };
}

describe('one browser, one session', () => {
  it('a second sign-in in the same browser ends the session it replaces', async () => {
    const first = await person('42061', 'first.at.kiosk@county.xorg');
    const second = await person('42061', 'second.at.kiosk@county.xorg');
    const one = await session('/session/login', { userName: first.email, password: PASSWORD });
    expect(one.status).toBe(200);
    const firstCookie = one.cookie!;
    // The next person signs in on the same computer: the jar sends the first person's cookie along.
    const two = await session('/session/login', { userName: second.email, password: PASSWORD }, firstCookie);
    expect(two.status).toBe(200);
    expect(two.cookie).not.toBe(firstCookie);

    // Whoever copied the first cookie gets nothing with it; the second session lives on.
    const replayed = await session('/session/refresh', {}, firstCookie);
    expect([replayed.status, replayed.body?.errors?.[0]?.extensions?.code]).toEqual([401, 'UNAUTHENTICATED']);
    const renewed = await session('/session/refresh', {}, two.cookie);
    expect(renewed.status).toBe(200);
    expect(renewed.body?.accessToken).toEqual(expect.any(String));
  });

  it('choosing an organization after signing in ends the session the browser held before', async () => {
    const held = await person('42061', 'held.before.choice@county.xorg');
    const before = await session('/session/login', { userName: held.email, password: PASSWORD });
    // A person of two organizations signs in next and chooses one.
    const email = 'two.organizations.kiosk@county.xorg';
    const inA = await createContact(federation, '42061', contactInput('Two', 'Kiosk', email, [ContactType.READ_ONLY]));
    await giveLogin(federation, inA, '42061', email);
    await linkMembership(email, '01001');
    const signIn = await session('/session/login', { userName: email, password: PASSWORD }, before.cookie);
    expect(signIn.body?.organizationChoiceRequired).toBe(true);
    // No session yet: the held one still stands.
    expect(signIn.cookie).toBe(before.cookie);
    const chosen = await session(
      '/session/organization',
      { organizationId: await organizationId(federation, '01001'), choiceToken: signIn.body!.choiceToken },
      before.cookie,
    );
    expect(chosen.status).toBe(200);
    expect((await session('/session/refresh', {}, before.cookie)).status).toBe(401);
    expect((await session('/session/refresh', {}, chosen.cookie)).status).toBe(200);
  });

  it('refuses a /session/* request whose Origin is not the gateway itself', async () => {
    const someone = await person('42061', 'origin.check@county.xorg');
    const login = { userName: someone.email, password: PASSWORD };
    for (const other of ['https://evil.example', 'null', `http://127.0.0.1:1`, 'not a url']) {
      const answer = await session('/session/login', login, undefined, { origin: other });
      expect([other, answer.status, answer.body?.errors?.[0]?.extensions?.code]).toEqual([other, 403, 'FORBIDDEN']);
      expect(answer.cookie).toBeUndefined();
    }
    // Its own origin, as a browser sends it on every POST.
    expect((await session('/session/login', login, undefined, { origin })).status).toBe(200);
  });
});

/** Links the login of `email` to a new contact of `code` (a confirmed membership), in the credential database. */
async function linkMembership(email: string, code: string) {
  const contactId = await createContact(
    federation,
    code,
    contactInput('Also', 'Member', email, [ContactType.READ_ONLY]),
  );
  const credential = federation.subgraphs.credential.dataSource;
  const [login] = await credential.query(
    'SELECT essId FROM self_service_account WHERE userName = ? AND loginEssId IS NULL',
    [email.toLowerCase()],
  );
  await credential.query(
    'INSERT INTO self_service_account (contactId, organizationId, userName, status, enrollmentCompleted, version, loginEssId, linkConfirmedAt) VALUES (?, ?, ?, ?, 1, 1, ?, NOW())',
    [contactId, await organizationId(federation, code), email.toLowerCase(), 'REGISTERED', login.essId],
  );
  return contactId;
}

describe("a person's other organizations", () => {
  it('reads the code and name of every organization the person belongs to, and nothing more of them', async () => {
    const email = 'member.of.two@county.xorg';
    const inA = await createContact(
      federation,
      '42061',
      contactInput('Member', 'OfTwo', email, [ContactType.READ_ONLY]),
    );
    await giveLogin(federation, inA, '42061', email);
    await linkMembership(email, '01001');
    await createOrganization(federation, '77001', 'NOT A MEMBER HERE');
    const signIn = await federation.query(
      'mutation ($u: String!, $p: String!) { login(userName: $u, password: $p) { choiceToken } }',
      { u: email, p: PASSWORD },
    );
    const chosen = await federation.query(
      'mutation ($t: String!, $o: ID!) { chooseOrganization(choiceToken: $t, organizationId: $o) { accessToken } }',
      { t: signIn.data.login.choiceToken, o: await organizationId(federation, '42061') },
    );
    const token = chosen.data.chooseOrganization.accessToken as string;

    const me = await federation.query(
      '{ me { memberships { current organization { code name displayName } } } }',
      undefined,
      { token },
    );
    expect(me.errors).toBeUndefined();
    expect(
      me.data.me.memberships.map((m: any) => [m.current, m.organization.code, m.organization.name]).sort(),
    ).toEqual([
      [false, '01001', expect.any(String)],
      [true, '42061', 'COUNTY OFFICE OF EDUCATION'],
    ]);

    const refused = async (query: string) =>
      (await federation.query(query, undefined, { token })).errors?.map((e) => e.extensions?.code);
    // The other organization's contacts, address and details stay its own business.
    expect(await refused('{ organization(code: "01001") { contacts { totalCount } } }')).toContain('FORBIDDEN');
    expect(await refused('{ organization(code: "01001") { address { city } } }')).toContain('FORBIDDEN');
    // And an organization the person does not belong to stays unnamed.
    expect(await refused('{ organization(code: "77001") { name } }')).toContain('FORBIDDEN');
    // The same straight to the organization subgraph, through _entities.
    const other = await organizationId(federation, '77001');
    const direct = await federation.query(
      `{ _entities(representations: [{ __typename: "Organization", id: "${other}" }]) { ... on Organization { name } } }`,
      undefined,
      { token, url: federation.subgraphs.organization.url },
    );
    expect(direct.errors?.map((e) => e.extensions?.code)).toContain('FORBIDDEN');
  });
});

describe('the token check while the key publisher is away', () => {
  it('answers SERVICE_UNAVAILABLE (503), not UNAUTHENTICATED, and accepts the same token once the keys are back', async () => {
    const someone = await person('42061', 'keys.away@county.xorg');
    const token = await federation.login(someone.email, PASSWORD);
    const { subgraphs } = federation;
    // A gateway that has never seen the key (a fresh replica, a restart).
    const gateway = await createGateway(
      loadGatewayConfig({
        HOST: '127.0.0.1',
        PORT: '0',
        LOG_LEVEL: 'silent',
        ORGANIZATION_URL: subgraphs.organization.url,
        CONTACT_URL: subgraphs.contact.url,
        CREDENTIAL_URL: subgraphs.credential.url,
      }),
    );
    const ask = () =>
      fetch(gateway.url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
        body: JSON.stringify({ query: '{ organization(code: "42061") { name } }' }),
      });
    try {
      await federation.stopSubgraph('credential');
      try {
        const away = await ask();
        const body = await away.json();
        expect([away.status, body.errors?.[0]?.extensions?.code]).toEqual([503, 'SERVICE_UNAVAILABLE']);
      } finally {
        await federation.startSubgraph('credential');
      }
      const back = await ask();
      expect(back.status).toBe(200);
      expect((await back.json()).data.organization.name).toBe('COUNTY OFFICE OF EDUCATION');
    } finally {
      await gateway.stop();
    }
  });
});

describe('production errors', () => {
  let production: Awaited<ReturnType<typeof createGateway>>;
  beforeAll(async () => {
    const { subgraphs } = federation;
    production = await createGateway(
      loadGatewayConfig({
        NODE_ENV: 'production',
        HOST: '127.0.0.1',
        PORT: '0',
        LOG_LEVEL: 'silent',
        ORGANIZATION_URL: subgraphs.organization.url,
        CONTACT_URL: subgraphs.contact.url,
        CREDENTIAL_URL: subgraphs.credential.url,
        JWKS_URL: new URL('/.well-known/jwks.json', subgraphs.credential.url).toString(),
      }),
    );
  });
  afterAll(() => production?.stop());

  const post = async (url: string, query: string, variables?: object) => {
    const response = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${staff}` },
      body: JSON.stringify({ query, variables }),
    });
    return (await response.json()) as { errors?: { message: string; extensions?: { code?: string } }[] };
  };
  const LITERAL = '{ organization(code: "42061") { contacts(status: ACTIV) { totalCount } } }';
  const VARIABLE = 'query ($s: ContactStatus) { organization(code: "42061") { contacts(status: $s) { totalCount } } }';

  it('suggest no enum value, for a literal or a variable, in production', async () => {
    for (const [query, variables] of [
      [LITERAL, undefined],
      [VARIABLE, { s: 'ACTIV' }],
    ] as const) {
      const { errors } = await post(production.url, query, variables);
      expect(errors?.[0]?.extensions?.code).toMatch(/GRAPHQL_VALIDATION_FAILED|BAD_USER_INPUT/);
      expect(errors?.[0]?.message).toMatch(/ACTIV/);
      expect(JSON.stringify(errors)).not.toMatch(/Did you mean|"ACTIVE"|INACTIVE/);
    }
  });

  it('still suggest in development, where they help', async () => {
    expect(JSON.stringify((await post(federation.gatewayUrl, LITERAL)).errors)).toMatch(/Did you mean/);
    expect(JSON.stringify((await post(federation.gatewayUrl, VARIABLE, { s: 'ACTIV' })).errors)).toMatch(
      /Did you mean/,
    );
  });
});

describe('GraphiQL', () => {
  it("carries the pages' headers: no framing by another site, no script from elsewhere", async () => {
    const response = await fetch(federation.gatewayUrl, { headers: { accept: 'text/html' } });
    expect(response.status).toBe(200);
    expect(await response.text()).toMatch(/GraphiQL/);
    const policy = response.headers.get('content-security-policy') ?? '';
    expect(policy).toContain("frame-ancestors 'none'");
    expect(policy).toContain("script-src 'self'");
    expect(policy).not.toMatch(/unsafe-inline|unsafe-eval/);
    expect(response.headers.get('x-frame-options')).toBe('DENY');
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
    expect(response.headers.get('referrer-policy')).toBe('no-referrer');
  });
});

describe('what a proxy or a client may send', () => {
  it('refuses an X-Forwarded-For from a trusted proxy that is not an IP address, naming the header', async () => {
    for (const url of [federation.gatewayUrl, federation.subgraphs.credential.url]) {
      for (const forwarded of ['not-an-address', '<script>', '203.0.113.7, evil', '1', '0x7f.1']) {
        const response = await fetch(url, {
          method: 'POST',
          headers: { 'content-type': 'application/json', 'x-forwarded-for': forwarded },
          body: JSON.stringify({ query: '{ __typename }' }),
        });
        const body = await response.json();
        expect([url, forwarded, response.status, body.errors?.[0]?.extensions?.code]).toEqual([
          url,
          forwarded,
          400,
          'INVALID_X_FORWARDED_FOR',
        ]);
      }
      // Addresses, IPv4 or IPv6, pass.
      for (const forwarded of ['203.0.113.7', '2001:db8::7', '198.51.100.1, 203.0.113.7']) {
        const response = await fetch(url, {
          method: 'POST',
          headers: { 'content-type': 'application/json', 'x-forwarded-for': forwarded },
          body: JSON.stringify({ query: '{ __typename }' }),
        });
        expect([forwarded, response.status]).toEqual([forwarded, 200]);
      }
    }
  });

  it('answers a persisted-query hash that does not match its query with a 400 and a code of its own', async () => {
    const query = '{ findAdministrators(organization: "01001") { organizationCode } }';
    const wrong = createHash('sha256').update(`${query} `).digest('hex');
    const response = await fetch(federation.gatewayUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query, extensions: { persistedQuery: { version: 1, sha256Hash: wrong } } }),
    });
    expect(response.status).toBe(400);
    expect((await response.json()).errors[0].extensions.code).toBe('PERSISTED_QUERY_HASH_MISMATCH');
  });

  it('lets an email import of more than 1 MB through the gateway, as the import itself accepts up to 2 MB', async () => {
    const organization = await organizationId(federation, '42061');
    // One row, then empty lines the CSV reader skips: 1.6 MB of request body (a line break is
    // two bytes in JSON).
    const csv = `contact,email\ncontacttest@coe.org,contact.test.new@coe.org${'\n'.repeat(800_000)}`;
    const answer = await federation.query(
      'mutation ($o: ID!, $csv: String!) { importContactEmails(organization: $o, csv: $csv, dryRun: true) { dryRun rows { outcome } } }',
      { o: organization, csv },
      { token: staff },
    );
    expect(answer.errors).toBeUndefined();
    expect(answer.data.importContactEmails.dryRun).toBe(true);
    expect(answer.data.importContactEmails.rows).toHaveLength(1);
  });
});
