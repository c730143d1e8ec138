import { readFileSync, statSync } from 'node:fs';
import { createServer as createHttpServer, type IncomingHttpHeaders, type Server } from 'node:http';
import { createConnection, type AddressInfo } from 'node:net';
import { createServer as createGateway, loadGatewayConfig } from '@ecg/gateway';
import { freePort } from '@ecg/tools';
import type { DataSource } from 'typeorm';
import { isRateLimitPurge, startFederation, type Federation } from './support/federation';
import { organizationId } from './support/people';

// The edge of the system: what the gateway and every subgraph do with requests an
// attacker shapes (absolute request-targets, broken bodies, costly documents, IPv6 addresses).
let federation: Federation;
let staff: string;
let org42061: string;

beforeAll(async () => {
  // 10 sign-ins a minute per address, so the IPv6 test below reaches the limit quickly.
  federation = await startFederation('edge', { LOGIN_LIMIT_PER_ADDRESS: '10' });
  staff = await federation.staffToken();
  org42061 = await organizationId(federation, '42061');
});
afterAll(() => federation?.stop());

const gatewayPort = () => Number(new URL(federation.gatewayUrl).port);

/** Sends `text` as it is over a socket (fetch would never send an absolute-form request-target). */
function rawHttp(port: number, text: string): Promise<{ status: number; headers: string; body: string }> {
  return new Promise((resolve, reject) => {
    const socket = createConnection(port, '127.0.0.1');
    const chunks: Buffer[] = [];
    socket.on('data', (chunk) => chunks.push(chunk));
    socket.on('error', reject);
    socket.on('end', () => {
      const raw = Buffer.concat(chunks).toString('latin1');
      const [head, ...rest] = raw.split('\r\n\r\n');
      resolve({ status: Number(head.split(' ')[1]), headers: head, body: rest.join('\r\n\r\n') });
    });
    socket.write(text);
  });
}

interface Recorder {
  server: Server;
  port: number;
  hits: { url: string; headers: IncomingHttpHeaders }[];
}

/** A local HTTP server that records every request and answers with `answer` (a redirect, say). */
async function recordingServer(answer: (res: import('node:http').ServerResponse) => void): Promise<Recorder> {
  const hits: Recorder['hits'] = [];
  const server = createHttpServer((req, res) => {
    hits.push({ url: req.url ?? '', headers: req.headers });
    answer(res);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  return { server, port: (server.address() as AddressInfo).port, hits };
}
const closeServer = (server: Server) => new Promise<void>((resolve) => server.close(() => resolve()));

describe('the download proxy (SSRF)', () => {
  let victim: Recorder;
  let attacker: Recorder;
  beforeAll(async () => {
    victim = await recordingServer((res) => res.end('internal secret'));
    attacker = await recordingServer((res) =>
      res.writeHead(302, { location: `http://127.0.0.1:${victim.port}/internal` }).end(),
    );
  });
  afterAll(async () => {
    await closeServer(victim.server);
    await closeServer(attacker.server);
  });

  const absoluteForm = (host: string, query: string, authorization?: string) =>
    `GET http://${host}/exports/contacts.xlsx${query} HTTP/1.1\r\nHost: ${host}\r\n${authorization ? `Authorization: ${authorization}\r\n` : ''}Connection: close\r\n\r\n`;

  it("never lets an absolute-form request-target choose the host, nor hands it the caller's token", async () => {
    const answer = await rawHttp(
      gatewayPort(),
      absoluteForm(`127.0.0.1:${attacker.port}`, `?organizationId=${org42061}`, `Bearer ${staff}`),
    );
    expect(attacker.hits).toEqual([]);
    expect(victim.hits).toEqual([]);
    // The request went where downloads always go: the contact subgraph's real export.
    expect(answer.status).toBe(200);
    expect(answer.headers).toMatch(
      /content-type: application\/vnd\.openxmlformats-officedocument\.spreadsheetml\.sheet/i,
    );
  });

  it('answers an open port and a closed port the same, so it cannot scan ports', async () => {
    const closed = await freePort();
    const open = await rawHttp(
      gatewayPort(),
      absoluteForm(`127.0.0.1:${attacker.port}`, '?organizationId=nope', `Bearer ${staff}`),
    );
    const shut = await rawHttp(
      gatewayPort(),
      absoluteForm(`127.0.0.1:${closed}`, '?organizationId=nope', `Bearer ${staff}`),
    );
    expect(attacker.hits).toEqual([]);
    expect([open.status, open.body]).toEqual([shut.status, shut.body]);
    expect(open.status).toBe(400);
  });

  it('still downloads the export through the gateway', async () => {
    const response = await fetch(new URL(`/exports/contacts.xlsx?organizationId=${org42061}`, federation.gatewayUrl), {
      headers: { authorization: `Bearer ${staff}` },
    });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-disposition')).toMatch(/filename="contacts-42061-\d{4}-\d{2}-\d{2}\.xlsx"/);
    expect((await response.arrayBuffer()).byteLength).toBeGreaterThan(1000);
  });

  it('never follows a redirect the subgraph answers, and forwards only what the subgraph needs', async () => {
    // A gateway whose contact subgraph answers every download with a redirect to an internal host.
    const contact = await recordingServer((res) =>
      res.writeHead(302, { location: `http://127.0.0.1:${victim.port}/internal` }).end(),
    );
    const gateway = await createGateway(
      loadGatewayConfig({
        HOST: '127.0.0.1',
        PORT: '0',
        LOG_LEVEL: 'silent',
        CONTACT_URL: `http://127.0.0.1:${contact.port}/graphql`,
        JWKS_URL: 'http://127.0.0.1:9/.well-known/jwks.json',
      }),
    );
    try {
      const response = await fetch(new URL('/exports/contacts.xlsx?organizationId=x&sort=FULL_NAME_ASC', gateway.url), {
        headers: {
          authorization: 'Bearer abc',
          cookie: 'session=1',
          'x-internal-role': 'admin',
          'x-request-id': 'edge-request-0001',
        },
        redirect: 'manual',
      });
      expect(response.status).toBe(502);
      expect(victim.hits).toEqual([]);
      expect(contact.hits.map((h) => h.url)).toEqual(['/exports/contacts.xlsx?organizationId=x&sort=FULL_NAME_ASC']);
      const sent = contact.hits[0].headers;
      expect([sent.authorization, sent['x-request-id'], sent['x-forwarded-for']]).toEqual([
        'Bearer abc',
        'edge-request-0001',
        '127.0.0.1',
      ]);
      expect(sent.cookie).toBeUndefined();
      expect(sent['x-internal-role']).toBeUndefined();
    } finally {
      await gateway.stop();
      await closeServer(contact.server);
    }
  });
});

describe('a body that is not JSON', () => {
  const SECRET = 'Leaky-Body-Literal-5f3a9c';
  const BROKEN = `{"query":"mutation ($p: String!) { login(userName: \\"a@b.example\\", password: $p) { accessToken } }","variables":{"p":"${SECRET}"`;

  it('gets a clean 400 GraphQL error, no stack, and is never logged, at the gateway and every subgraph', async () => {
    const logFile = process.env.LOG_DESTINATION!;
    const logStart = statSync(logFile).size;
    const printed: string[] = [];
    const spies = [jest.spyOn(console, 'error'), jest.spyOn(console, 'warn'), jest.spyOn(console, 'log')].map((spy) =>
      spy.mockImplementation((...args: unknown[]) => void printed.push(args.map(String).join(' '))),
    );
    try {
      for (const url of [federation.gatewayUrl, ...Object.values(federation.subgraphs).map((s) => s.url)]) {
        for (const body of [BROKEN, `${SECRET}`, `{"query": "{ me { kind } }", "extra": ${SECRET}}`]) {
          const response = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body });
          const text = await response.text();
          expect([url, response.status]).toEqual([url, 400]);
          expect(JSON.parse(text)).toEqual({
            errors: [{ message: 'The request body is not valid JSON.', extensions: { code: 'BAD_REQUEST' } }],
          });
          expect(text).not.toContain(SECRET);
        }
      }
    } finally {
      spies.forEach((spy) => spy.mockRestore());
    }
    expect(printed.join('\n')).not.toContain(SECRET);
    const logs = readFileSync(logFile).subarray(logStart).toString('utf8');
    expect(logs).not.toContain(SECRET);
    // One line per refused body, saying what happened (without the body).
    expect(
      logs.split('\n').filter((line) => line.includes('request body is not valid JSON')).length,
    ).toBeGreaterThanOrEqual(12);
  });
});

describe('query cost', () => {
  const ATTACK_FIELDS =
    'contacts(pageSize: 100) { items { fullName auditTrail(pageSize: 100) { items { action at changes { field oldValue newValue } } } } }';
  const ATTACK = `{ ${Array.from({ length: 20 }, (_, i) => `o${i}: organization(code: "42061") { ${ATTACK_FIELDS} }`).join(' ')} }`;

  /** Runs `act` and returns the SQL statements the organization and contact subgraphs ran meanwhile. */
  async function statementsDuring(act: () => Promise<void>): Promise<string[]> {
    const statements: string[] = [];
    const sources: DataSource[] = [
      federation.subgraphs.organization.dataSource,
      federation.subgraphs.contact.dataSource,
    ];
    const originals = sources.map((source) => source.logger.logQuery.bind(source.logger));
    sources.forEach((source, i) => {
      source.logger.logQuery = (query, parameters, runner) => {
        if (!isRateLimitPurge(query)) statements.push(query);
        originals[i](query, parameters, runner);
      };
    });
    try {
      await act();
    } finally {
      sources.forEach((source, i) => (source.logger.logQuery = originals[i]));
    }
    return statements;
  }

  it('counts page sizes, and refuses 20 aliases of 100 contacts with 100 audit entries each before anything runs', async () => {
    let answer: any;
    const statements = await statementsDuring(async () => {
      answer = await federation.query(ATTACK, {}, { token: staff });
    });
    expect(answer.data ?? undefined).toBeUndefined();
    expect(answer.errors).toHaveLength(1);
    expect(answer.errors[0].extensions.code).toBe('QUERY_TOO_COSTLY');
    expect(answer.errors[0].message).toMatch(/cost of \d+ .*maximum of 50000/);
    expect(statements).toEqual([]);
  });

  it('counts fragments and variables too', async () => {
    const document = `query ($size: Int!) { ${Array.from({ length: 5 }, (_, i) => `o${i}: organization(code: "42061") { ...heavy }`).join(' ')} }
      fragment heavy on Organization { contacts(pageSize: $size) { items { ...trail } } }
      fragment trail on Contact { auditTrail(pageSize: $size) { items { action changes { field } } } }`;
    const answer = await federation.query(document, { size: 100 }, { token: staff });
    expect(answer.errors?.[0].extensions?.code).toBe('QUERY_TOO_COSTLY');
  });

  it('refuses the same straight at the contact subgraph, before any resolver runs', async () => {
    const document = `query ($r: [_Any!]!) { _entities(representations: $r) { ... on Organization { ${Array.from({ length: 20 }, (_, i) => `c${i}: ${ATTACK_FIELDS}`).join(' ')} } } }`;
    let answer: any;
    const statements = await statementsDuring(async () => {
      answer = await federation.query(
        document,
        { r: [{ __typename: 'Organization', id: org42061 }] },
        { url: federation.subgraphs.contact.url, token: staff },
      );
    });
    expect(answer.errors?.[0].extensions?.code).toBe('QUERY_TOO_COSTLY');
    expect(answer.data ?? undefined).toBeUndefined();
    expect(statements).toEqual([]);
  });

  it('lets a page of 100 contacts with their whole self-service panel through', async () => {
    const { data, errors } = await federation.query(
      `{ organization(code: "42061") { name contacts(pageSize: 100) { totalCount items { id fullName firstName lastName primaryEmail status contactTypes version
          selfService { essId userName status passwordLastChanged lastSuccessfulLogin previousLogin successfulLoginAttempts totalUnsuccessfulAttempts
            unsuccessfulAttemptsSinceLastSuccess enrollmentCompleted temporaryPasswordSet temporaryPasswordExpiresAt passwordExpired reenrolled
            lastAuthenticationFailure lastAuthenticationFailureAt internalMessage externalMessage availableActions securityEvents { totalCount items { type at actorKind } } }
          selfServiceActions auditTrail { totalCount items { action at changes { field oldValue newValue } } } } } } }`,
      {},
      { token: staff },
    );
    expect(errors).toBeUndefined();
    expect(data.organization.contacts.items.length).toBeGreaterThan(0);
  });
});

describe('errors of an anonymous caller', () => {
  const PROTECTED = [
    '{ me { kind } }',
    '{ organization(code: "42061") { name contacts { totalCount } } }',
    '{ contact(id: "00000000-0000-4000-8000-000000000000") { fullName } }',
  ];

  async function expectOwnUnauthenticated(gatewayUrl: string) {
    for (const query of PROTECTED) {
      const response = await fetch(gatewayUrl, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ query }),
      });
      const text = await response.text();
      const { errors } = JSON.parse(text);
      expect(errors.map((e: any) => [e.message, e.extensions])).toEqual([
        ['A valid access token is required.', { code: 'UNAUTHENTICATED' }],
      ]);
      expect(text).not.toMatch(
        /http:\/\/|127\.0\.0\.1|localhost|"response"|stacktrace|serviceName|node_modules|\.ts:\d/,
      );
    }
    // Neither a bad token nor a bad document brings a stack trace along.
    for (const [query, authorization] of [
      ['{ me { kind } }', 'Bearer not-a-token'],
      ['{ nope }', undefined],
      ['{', undefined],
    ] as const) {
      const response = await fetch(gatewayUrl, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...(authorization ? { authorization } : {}) },
        body: JSON.stringify({ query }),
      });
      const text = await response.text();
      expect(JSON.parse(text).errors[0].extensions.code).toMatch(
        /UNAUTHENTICATED|GRAPHQL_VALIDATION_FAILED|GRAPHQL_PARSE_FAILED/,
      );
      expect(text).not.toMatch(/stacktrace|\s{4}at |node_modules|\.ts:\d/);
    }
  }

  it("get the subgraph's own UNAUTHENTICATED, message and code only, in development (the default)", async () => {
    await expectOwnUnauthenticated(federation.gatewayUrl);
  });

  it('get the same in production', async () => {
    const { subgraphs } = federation;
    const gateway = await createGateway(
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
    try {
      await expectOwnUnauthenticated(gateway.url);
    } finally {
      await gateway.stop();
    }
  });

  it('carry stack traces only when an operator turns them on (EXPOSE_STACK_TRACES=true)', async () => {
    const gateway = await createGateway(
      loadGatewayConfig({
        HOST: '127.0.0.1',
        PORT: '0',
        LOG_LEVEL: 'silent',
        EXPOSE_STACK_TRACES: 'true',
        JWKS_URL: 'http://127.0.0.1:9/.well-known/jwks.json',
      }),
    );
    try {
      const response = await fetch(gateway.url, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ query: '{ nope }' }),
      });
      expect((await response.json()).errors[0].extensions.stacktrace.join('\n')).toMatch(/\s{4}at /);
    } finally {
      await gateway.stop();
    }
  });

  it('say a subgraph out of reach is unavailable, without naming where it is', async () => {
    const { subgraphs } = federation;
    const gateway = await createGateway(
      loadGatewayConfig({
        HOST: '127.0.0.1',
        PORT: '0',
        LOG_LEVEL: 'silent',
        ORGANIZATION_URL: subgraphs.organization.url,
        CONTACT_URL: `http://127.0.0.1:${await freePort()}/graphql`,
        CREDENTIAL_URL: subgraphs.credential.url,
        JWKS_URL: new URL('/.well-known/jwks.json', subgraphs.credential.url).toString(),
      }),
    );
    try {
      const response = await fetch(gateway.url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${staff}` },
        body: JSON.stringify({ query: '{ organization(code: "42061") { name contacts { totalCount } } }' }),
      });
      const text = await response.text();
      expect(JSON.parse(text).errors.map((e: any) => e.extensions.code)).toEqual(['SERVICE_UNAVAILABLE']);
      expect(text).not.toMatch(/127\.0\.0\.1|localhost|fetch failed|TypeError|stacktrace/);
    } finally {
      await gateway.stop();
    }
  });

  it('straight to a subgraph carry no stack trace either', async () => {
    for (const { url } of Object.values(federation.subgraphs)) {
      for (const [query, authorization] of [
        ['{ nope }', undefined],
        ['{ __typename }', 'Bearer not-a-token'],
      ] as const) {
        const response = await fetch(url, {
          method: 'POST',
          headers: { 'content-type': 'application/json', ...(authorization ? { authorization } : {}) },
          body: JSON.stringify({ query }),
        });
        expect(await response.text()).not.toMatch(/stacktrace|\s{4}at |node_modules|\.ts:\d/);
      }
    }
  });
});

describe('an argument graphql-js refuses only while executing', () => {
  // Found by the fuzz test: `$sort: null` for `sort: ContactSort! = FULL_NAME_ASC` passes the
  // gateway's validation and was an INTERNAL_SERVER_ERROR from the contact subgraph.
  it('is BAD_USER_INPUT naming the argument, not an internal error', async () => {
    const { data, errors } = await federation.query(
      'query ($sort: ContactSort) { organization(code: "42061") { name contacts(sort: $sort) { totalCount } } }',
      { sort: null },
      { token: staff },
    );
    expect(data?.organization ?? null).toBeNull();
    expect(errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', invalidFields: [{ field: 'sort' }] });
  });
});

describe('passkey sign-in rate limits', () => {
  // Each start stores a ceremony: anonymous and unthrottled, it would be a free way to fill a table.
  it('startPasskeySignIn answers RATE_LIMITED past LOGIN_LIMIT_PER_ADDRESS (10 here) a minute from one address', async () => {
    const address = '198.51.100.77';
    const codes: (string | undefined)[] = [];
    for (let i = 0; i <= 10; i++) {
      const { data, errors } = await federation.query('mutation { startPasskeySignIn { token } }', undefined, {
        headers: { 'x-forwarded-for': address },
      });
      codes.push(errors?.[0].extensions?.code ?? (data?.startPasskeySignIn?.token ? 'OK' : undefined));
    }
    expect(codes).toEqual([...Array(10).fill('OK'), 'RATE_LIMITED']);
    // Another address has its own budget.
    const other = await federation.query('mutation { startPasskeySignIn { token } }', undefined, {
      headers: { 'x-forwarded-for': '198.51.100.78' },
    });
    expect(other.data?.startPasskeySignIn?.token).toEqual(expect.any(String));
  });
});

describe('sign-in rate limits over IPv6', () => {
  const signIn = async (address: string, userName: string) =>
    federation.query(
      'mutation ($u: String!) { login(userName: $u, password: "not the password") { accessToken } }',
      { u: userName },
      { headers: { 'x-forwarded-for': address } },
    );

  it('put 35 addresses of one /64 in one bucket', async () => {
    const codes: string[] = [];
    for (let i = 1; i <= 35; i++) {
      const { errors } = await signIn(
        `2001:db8:7:42:${i.toString(16)}:${((i * 7919) & 0xffff).toString(16)}:0:${i}`,
        `edge-v6-${i}@nowhere.example`,
      );
      codes.push(errors![0].extensions!.code);
    }
    // 10 a minute per /64: 35 attempts span at most two windows, so at least 15 are refused.
    expect(codes.slice(0, 10)).toEqual(Array(10).fill('UNAUTHENTICATED'));
    expect(codes.filter((c) => c === 'RATE_LIMITED').length).toBeGreaterThanOrEqual(15);
  }, 120_000);

  it('keep addresses of different /64 networks apart', async () => {
    const codes: string[] = [];
    for (let i = 1; i <= 12; i++) {
      const { errors } = await signIn(`2001:db8:8:${i.toString(16)}::1`, `edge-v6-apart-${i}@nowhere.example`);
      codes.push(errors![0].extensions!.code);
    }
    expect(codes).toEqual(Array(12).fill('UNAUTHENTICATED'));
  }, 120_000);
});
