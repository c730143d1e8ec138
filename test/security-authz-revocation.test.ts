import { randomUUID } from 'node:crypto';
import { ContactType } from '@ecg/policy';
import { demoContactId, demoOrganizationId } from '@ecg/demo-data';
import { startFederation, type Federation } from './support/federation';
import { contactInput, createContact, currentVersion, giveLogin, PASSWORD } from './support/people';
import {
  CHANGE,
  LOGIN,
  REFRESH,
  RESET,
  RE_ENROLL,
  selfServiceFlows,
  UPDATE_CONTACT,
} from './support/self-service-flows';
import { startSmtp } from './support/smtp';

// The audit's finding 8 (docs/security.md): an access token must not outlive what it stands for. After sign-out, a password
// change, re-enroll, reset, deactivation or the loss of the Administrator type, the old token is
// refused at once on the credential lifecycle (unlock), on contact and organization changes, and on reads within
// the revocation poll interval (2 seconds here), through the gateway and straight to a subgraph.
const POLL_SECONDS = 2;
let federation: Federation;
let smtp: Awaited<ReturnType<typeof startSmtp>>;
let flows: ReturnType<typeof selfServiceFlows>;

beforeAll(async () => {
  smtp = await startSmtp();
  federation = await startFederation('revoke', {
    SMTP_URL: smtp.url(),
    MAIL_POLL_MILLISECONDS: '100',
    REVOCATION_POLL_SECONDS: String(POLL_SECONDS),
  });
  flows = selfServiceFlows(federation, smtp);
});
afterAll(async () => {
  await federation?.stop();
  await smtp?.stop();
});

const NEW_PASSWORD = 'a brand new and private passphrase';
const codeOf = (response: { errors?: { extensions?: Record<string, any> }[] }) =>
  response.errors?.[0]?.extensions?.code ?? 'OK';
const asStaff = async (query: string, variables: Record<string, unknown>) =>
  federation.query(query, variables, { token: await federation.staffToken() });
const afterPoll = () => new Promise((resolve) => setTimeout(resolve, POLL_SECONDS * 1000 + 500));

/** An Administrator (of 42061 unless told) with a login, signed in: its access and refresh tokens. */
async function administrator(email: string, code = '42061') {
  const id = await createContact(
    federation,
    code,
    contactInput('Revoked', 'Administrator', email, [ContactType.ADMINISTRATOR]),
  );
  await giveLogin(federation, id, code, email);
  const { data, errors } = await federation.query(LOGIN, { u: email, p: PASSWORD });
  if (errors) throw new Error(JSON.stringify(errors));
  return { id, email, accessToken: data.login.accessToken as string, refreshToken: data.login.refreshToken as string };
}
type Admin = Awaited<ReturnType<typeof administrator>>;

// What the token is tried on. The demo panel is not locked: an allowed caller gets NOT_LOCKED;
// a stale version: an allowed caller gets CONFLICT. Neither writes anything.
const unlock = (token: string) =>
  federation
    .query(
      'mutation ($id: ID!) { unlock(contactId: $id) { status } }',
      { id: demoContactId('contact-test') },
      { token },
    )
    .then(codeOf);
const changeContact = (token: string) =>
  federation
    .query(
      UPDATE_CONTACT,
      {
        id: demoContactId('coco'),
        v: 999_999,
        input: contactInput('Coco', 'Contact', 'cococontact@county.xorg', [ContactType.ADMINISTRATOR]),
      },
      { token },
    )
    .then(codeOf);
// A stale version: an allowed caller gets CONFLICT, nothing is written.
const changeOrganization = (token: string) =>
  federation
    .query(
      'mutation ($id: ID!, $input: OrganizationInput!) { updateOrganization(id: $id, expectedVersion: 999999, input: $input) { id } }',
      {
        id: demoOrganizationId('42061'),
        input: {
          name: 'Renamed by a stale token',
          organizationType: 'SCHOOL_DISTRICT',
          automaticInternetAccess: true,
          address: { city: 'Nowhere' },
        },
      },
      { token },
    )
    .then(codeOf);
const READ = '{ organization(code: "42061") { contacts(pageSize: 1) { totalCount } } }';
const read = (token: string) => federation.query(READ, {}, { token }).then(codeOf);
const STRAIGHT: [subgraph: 'organization' | 'contact', query: string][] = [
  ['organization', '{ organization(code: "42061") { name } }'],
  [
    'contact',
    `{ _entities(representations: [{ __typename: "Organization", id: "${demoOrganizationId('42061')}" }]) { ... on Organization { contacts(pageSize: 1) { totalCount } } } }`,
  ],
];
/** The same token sent straight to each subgraph, past the gateway. */
const straight = (token: string) =>
  Promise.all(
    STRAIGHT.map(([subgraph, query]) =>
      federation.query(query, {}, { token, url: federation.subgraphs[subgraph].url }).then(codeOf),
    ),
  );

async function updateAsStaff(admin: Admin, status: 'ACTIVE' | 'INACTIVE', contactTypes: ContactType[]) {
  const result = await asStaff(UPDATE_CONTACT, {
    id: admin.id,
    v: await currentVersion(federation, admin.id),
    input: { ...contactInput('Revoked', 'Administrator', admin.email, contactTypes), status },
  });
  if (result.errors) throw new Error(JSON.stringify(result.errors));
}

/** What makes the token stale; `prepare` does the slow part first (a mailed link), so the event itself is quick. */
type Event = [
  name: string,
  happen: (admin: Admin, prepared: string) => Promise<void>,
  prepare?: (admin: Admin) => Promise<string>,
];

const EVENTS: Event[] = [
  [
    'signing out',
    async (admin) =>
      void expect(
        codeOf(
          await federation.query('mutation ($r: String!) { logout(refreshToken: $r) }', { r: admin.refreshToken }),
        ),
      ).toBe('OK'),
  ],
  [
    'changing the password',
    async (admin) => {
      const changed = await federation.query(CHANGE, { c: PASSWORD, n: NEW_PASSWORD }, { token: admin.accessToken });
      expect(codeOf(changed)).toBe('OK');
      // The session the change hands back is a new one, and works at once.
      expect(await unlock(changed.data.changePassword.accessToken)).toBe('NOT_LOCKED');
    },
  ],
  ['a re-enroll by staff', async (admin) => void expect(codeOf(await asStaff(RE_ENROLL, { id: admin.id }))).toBe('OK')],
  [
    'a password reset',
    async (_admin, link) => void expect(codeOf(await federation.query(RESET, { t: link, n: NEW_PASSWORD }))).toBe('OK'),
    (admin) => flows.resetLink(admin.email),
  ],
  ['deactivation', (admin) => updateAsStaff(admin, 'INACTIVE', [ContactType.ADMINISTRATOR])],
  ['the removal of the Administrator type', (admin) => updateAsStaff(admin, 'ACTIVE', [ContactType.READ_ONLY])],
];

describe.each(EVENTS)('after %s, the old access token', (event, happen, prepare) => {
  it('is refused at once on unlock and on a contact change, and on reads within the poll interval', async () => {
    const admin = await administrator(`${event.replace(/\W+/g, '-')}@revoke.test.example`);
    const prepared = (await prepare?.(admin)) ?? '';
    // Every verifier fetches its list now (it is older than the interval), so "at once" below
    // cannot come from a list fetched after the event: only from the mutations' own check.
    await afterPoll();
    expect([
      await unlock(admin.accessToken),
      await changeContact(admin.accessToken),
      await changeOrganization(admin.accessToken),
      await read(admin.accessToken),
    ]).toEqual(['NOT_LOCKED', 'CONFLICT', 'CONFLICT', 'OK']);
    expect(await straight(admin.accessToken)).toEqual(['OK', 'OK']);

    await happen(admin, prepared);
    expect([
      await unlock(admin.accessToken),
      await changeContact(admin.accessToken),
      await changeOrganization(admin.accessToken),
    ]).toEqual(['UNAUTHENTICATED', 'UNAUTHENTICATED', 'UNAUTHENTICATED']);

    await afterPoll();
    expect(await read(admin.accessToken)).toBe('UNAUTHENTICATED');
    expect(await straight(admin.accessToken)).toEqual(['UNAUTHENTICATED', 'UNAUTHENTICATED']);
  });
});

describe('re-enroll', () => {
  it('stops every session of the person, as the README promises: each access token and each refresh token', async () => {
    const admin = await administrator('every-session@revoke.test.example');
    const second = (await federation.query(LOGIN, { u: admin.email, p: PASSWORD })).data.login;
    await afterPoll();
    expect([await unlock(admin.accessToken), await unlock(second.accessToken)]).toEqual(['NOT_LOCKED', 'NOT_LOCKED']);

    expect(codeOf(await asStaff(RE_ENROLL, { id: admin.id }))).toBe('OK');
    for (const token of [admin.accessToken, second.accessToken]) expect(await unlock(token)).toBe('UNAUTHENTICATED');
    for (const refreshToken of [admin.refreshToken, second.refreshToken])
      expect(codeOf(await federation.query(REFRESH, { r: refreshToken }))).toBe('UNAUTHENTICATED');
    await afterPoll();
    for (const token of [admin.accessToken, second.accessToken]) expect(await read(token)).toBe('UNAUTHENTICATED');
  });
});

describe('the revocation list', () => {
  it('publishes only hashes of session ids: no contact id, user name or token of anyone', async () => {
    const admin = await administrator('published@revoke.test.example');
    await federation.query('mutation ($r: String!) { logout(refreshToken: $r) }', { r: admin.refreshToken });
    const list = await (
      await fetch(new URL('/.well-known/revocations.json', federation.subgraphs.credential.url))
    ).json();
    expect(list.pollSeconds).toBe(POLL_SECONDS);
    expect(list.sessions.length).toBeGreaterThan(0);
    for (const entry of list.sessions) expect(entry).toMatch(/^[A-Za-z0-9_-]{43}$/);
    const published = JSON.stringify(list);
    const claims = JSON.parse(Buffer.from(admin.accessToken.split('.')[1], 'base64url').toString());
    for (const secret of [admin.id, admin.email, claims.sid, admin.refreshToken])
      expect(published).not.toContain(secret);
  });

  it('leaves a new sign-in alone: the person signs in again and acts at once', async () => {
    const admin = await administrator('signs-in-again@revoke.test.example');
    await federation.query('mutation ($r: String!) { logout(refreshToken: $r) }', { r: admin.refreshToken });
    const again = (await federation.query(LOGIN, { u: admin.email, p: PASSWORD })).data.login.accessToken;
    expect([await unlock(again), await read(again)]).toEqual(['NOT_LOCKED', 'OK']);
    await afterPoll();
    expect([await unlock(admin.accessToken), await read(admin.accessToken), await read(again)]).toEqual([
      'UNAUTHENTICATED',
      'UNAUTHENTICATED',
      'OK',
    ]);
  });

  it('cannot be fed from another organization: a report about its contact ends nothing and answers as for an unknown one', async () => {
    const reporter = await administrator('reporter@revoke.test.example');
    const victim = await administrator('victim@revoke.test.example', '01001');
    const report = async (contactId: string) =>
      (
        await fetch(new URL('/sessions/contact-access-reduced', federation.subgraphs.credential.url), {
          method: 'POST',
          headers: { 'content-type': 'application/json', authorization: `Bearer ${reporter.accessToken}` },
          body: JSON.stringify({ contactId }),
        })
      ).status;
    expect([await report(victim.id), await report(randomUUID())]).toEqual([204, 204]);
    await afterPoll();
    const victimReads = await federation.query(
      '{ organization(code: "01001") { contacts(pageSize: 1) { totalCount } } }',
      {},
      { token: victim.accessToken },
    );
    expect(codeOf(victimReads)).toBe('OK');
  });
});
