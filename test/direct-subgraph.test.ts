import { createPrivateKey, generateKeyPairSync, randomUUID } from 'node:crypto';
import { SignJWT } from 'jose';
import { ContactType } from '@ecg/policy';
import { demoContactId, demoOrganizationId } from '@ecg/demo-data';
import { startFederation, type Federation } from './support/federation';

// A request sent straight to a subgraph, without a valid token, reads and changes nothing,
// `_entities` included; `_service` stays open for composition.
let federation: Federation;
beforeAll(async () => {
  federation = await startFederation('direct');
});
afterAll(() => federation?.stop());

const base64url = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64url');
const now = () => Math.floor(Date.now() / 1000);
const adminClaims = {
  kind: 'contact',
  org: demoOrganizationId('42061'),
  types: [ContactType.ADMINISTRATOR],
  sid: randomUUID(),
};

async function signWith(
  key: ReturnType<typeof createPrivateKey>,
  kid: string | undefined,
  exp: number,
  options: { iat?: number; claims?: object } = {},
) {
  return new SignJWT({ ...adminClaims, ...options.claims })
    .setProtectedHeader(kid ? { alg: 'EdDSA', kid } : { alg: 'EdDSA' })
    .setSubject(demoContactId('jane'))
    .setIssuer('urn:employer-contacts-gateway')
    .setAudience('employer-contacts-gateway')
    .setIssuedAt(options.iat ?? now())
    .setExpirationTime(exp)
    .sign(key);
}

async function badTokens(): Promise<Record<string, string | undefined>> {
  const [row] = await federation.subgraphs.credential.dataSource.query('SELECT kid, privateKeyPem FROM signing_key');
  const realKey = createPrivateKey(row.privateKeyPem);
  const claims = {
    ...adminClaims,
    sub: demoContactId('jane'),
    iss: 'urn:employer-contacts-gateway',
    aud: 'employer-contacts-gateway',
    exp: now() + 600,
  };
  return {
    'no token': undefined,
    'a forged token (another key, same kid)': await signWith(
      generateKeyPairSync('ed25519').privateKey,
      row.kid,
      now() + 600,
    ),
    'an expired token': await signWith(realKey, row.kid, now() - 60),
    'alg none': `${base64url({ alg: 'none', typ: 'JWT' })}.${base64url(claims)}.`,
    'HS256 keyed with the public JWKS': `${base64url({ alg: 'HS256', kid: row.kid })}.${base64url(claims)}.c2lnbmF0dXJl`,
    // Signed with the real key, yet refused.
    'a token without kid': await signWith(realKey, undefined, now() + 600),
    'a token issued an hour in the future': await signWith(realKey, row.kid, now() + 7200, { iat: now() + 3600 }),
    "a contact's token naming no session": await signWith(realKey, row.kid, now() + 600, {
      claims: { sid: undefined },
    }),
  };
}

/** Every non-null value in a response's data: what a caller would have learned. */
const leaves = (value: unknown): unknown[] =>
  value === null || value === undefined
    ? []
    : typeof value === 'object'
      ? Object.values(value).flatMap(leaves)
      : [value];

const contactCount = async () =>
  Number((await federation.subgraphs.contact.dataSource.query('SELECT COUNT(*) AS n FROM contact'))[0].n);

const ATTEMPTS: [subgraph: 'organization' | 'contact' | 'credential', label: string, query: string][] = [
  ['organization', 'organization(code)', '{ organization(code: "42061") { name address { city } } }'],
  [
    'organization',
    '_entities Organization',
    `{ _entities(representations: [{ __typename: "Organization", id: "${demoOrganizationId('42061')}" }]) { ... on Organization { name automaticInternetAccess } } }`,
  ],
  ['contact', 'contact(id)', `{ contact(id: "${demoContactId('jane')}") { fullName primaryEmail } }`],
  [
    'contact',
    '_entities Contact',
    `{ _entities(representations: [{ __typename: "Contact", id: "${demoContactId('jane')}" }]) { ... on Contact { fullName primaryEmail contactTypes } } }`,
  ],
  [
    'contact',
    '_entities Organization.contacts',
    `{ _entities(representations: [{ __typename: "Organization", id: "${demoOrganizationId('42061')}" }]) { ... on Organization { contacts { totalCount items { primaryEmail } } } } }`,
  ],
  [
    'contact',
    'createContact',
    `mutation { createContact(input: { organizationId: "${demoOrganizationId('42061')}", firstName: "Mallory", lastName: "X", primaryEmail: "m@x.example", confirmPrimaryEmail: "m@x.example", status: ACTIVE, contactTypes: [ADMINISTRATOR] }) { id } }`,
  ],
  [
    'credential',
    '_entities Contact.selfService',
    `{ _entities(representations: [{ __typename: "Contact", id: "${demoContactId('bella')}" }]) { ... on Contact { selfService { userName status internalMessage } } } }`,
  ],
  ['credential', 'me', '{ me { kind contactTypes } }'],
];

describe('straight to a subgraph', () => {
  it.each([
    'no token',
    'a forged token (another key, same kid)',
    'an expired token',
    'alg none',
    'HS256 keyed with the public JWKS',
    'a token without kid',
    'a token issued an hour in the future',
    "a contact's token naming no session",
  ])('with %s: UNAUTHENTICATED, no data, nothing written', async (label) => {
    const token = (await badTokens())[label];
    const before = await contactCount();
    for (const [subgraph, what, query] of ATTEMPTS) {
      const response = await fetch(federation.subgraphs[subgraph].url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
        body: JSON.stringify({ query }),
      });
      const body = await response.json();
      expect([what, leaves(body.data)]).toEqual([what, []]);
      expect([what, body.errors?.[0]?.extensions?.code]).toEqual([what, 'UNAUTHENTICATED']);
    }
    expect(await contactCount()).toBe(before);
  });

  it('accepts a token signed by a clock a few seconds ahead (the tolerance is 30 seconds)', async () => {
    const [row] = await federation.subgraphs.credential.dataSource.query('SELECT kid, privateKeyPem FROM signing_key');
    const token = await signWith(createPrivateKey(row.privateKeyPem), row.kid, now() + 600, { iat: now() + 10 });
    const response = await fetch(federation.subgraphs.credential.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: JSON.stringify({ query: '{ me { kind contactTypes } }' }),
    });
    expect((await response.json()).data.me).toEqual({ kind: 'CONTACT', contactTypes: ['ADMINISTRATOR'] });
  });

  it('answers _service without a token, so composition works', async () => {
    for (const subgraph of Object.values(federation.subgraphs)) {
      const response = await fetch(subgraph.url, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ query: '{ _service { sdl } }' }),
      });
      expect((await response.json()).data._service.sdl).toMatch(/@key/);
    }
  });

  it('the gateway refuses a bad token with 401 before planning anything', async () => {
    const tokens = await badTokens();
    const response = await fetch(federation.gatewayUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${tokens['an expired token']}` },
      body: JSON.stringify({ query: '{ organization(code: "42061") { name } }' }),
    });
    expect(response.status).toBe(401);
    expect((await response.json()).errors[0].extensions.code).toBe('UNAUTHENTICATED');
  });
});
