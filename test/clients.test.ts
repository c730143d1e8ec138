import { createHash } from 'node:crypto';
import { startFederation, type Federation } from './support/federation';

// What SPAs need from the gateway (CORS, persisted queries), and what production hides.
describe('for single-page applications', () => {
  let federation: Federation;
  beforeAll(async () => {
    federation = await startFederation('clients', { CORS_ORIGINS: 'https://spa.example' });
  });
  afterAll(() => federation?.stop());

  it('allows the configured origins only (CORS)', async () => {
    const preflight = (origin: string) =>
      fetch(federation.gatewayUrl, {
        method: 'OPTIONS',
        headers: {
          origin,
          'access-control-request-method': 'POST',
          'access-control-request-headers': 'content-type,authorization',
        },
      });
    const allowed = await preflight('https://spa.example');
    expect(allowed.headers.get('access-control-allow-origin')).toBe('https://spa.example');
    expect(allowed.headers.get('access-control-allow-headers')).toMatch(/authorization/);
    expect((await preflight('https://evil.example')).headers.get('access-control-allow-origin')).toBeNull();
  });

  it('answers automatic persisted queries: a hash alone once the query is known', async () => {
    const query = '{ findAdministrators(organization: "01001") { organizationCode } }';
    const extensions = { persistedQuery: { version: 1, sha256Hash: createHash('sha256').update(query).digest('hex') } };
    const send = (body: object) =>
      fetch(federation.gatewayUrl, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(body),
      }).then((r) => r.json());
    expect((await send({ extensions })).errors[0].extensions.code).toBe('PERSISTED_QUERY_NOT_FOUND');
    expect((await send({ query, extensions })).data.findAdministrators[0].organizationCode).toBe('01001');
    expect((await send({ extensions })).data.findAdministrators[0].organizationCode).toBe('01001');
  });
});

describe('in production', () => {
  let federation: Federation;
  beforeAll(async () => {
    federation = await startFederation('prod', { NODE_ENV: 'production', DEMO_DATA: 'true' });
  });
  afterAll(() => federation?.stop());

  it('serves no GraphiQL, no introspection, no field suggestions and no stack traces', async () => {
    const page = await fetch(federation.gatewayUrl, { headers: { accept: 'text/html' } });
    expect(await page.text()).not.toMatch(/graphiql/i);
    for (const url of [federation.gatewayUrl, federation.subgraphs.contact.url]) {
      const introspection = await federation.query('{ __schema { types { name } } }', {}, { url });
      expect(introspection.data?.__schema).toBeUndefined();
      expect(introspection.errors?.[0].message).toMatch(/introspection/i);
    }
    const typo = await federation.query('{ organizaton(code: "42061") { name } }');
    expect(typo.errors?.[0].message).not.toMatch(/Did you mean/);
    const everything = JSON.stringify([
      typo,
      await federation.query('mutation { login(userName: "", password: "") { accessToken } }'),
    ]);
    expect(everything).not.toMatch(/stacktrace|node_modules/);
  });
});
