import { ContactType } from '@ecg/policy';
import { demoContactId, demoOrganizationId } from '@ecg/demo-data';
import { startFederation, type Federation, type GraphQLResponse } from './support/federation';
import { contactInput, createContact, signedInContact } from './support/people';
import {
  COMPLETE_UNLOCK,
  REGISTER,
  RE_ENROLL,
  UNLOCK,
  linkTokenIn,
  selfServiceFlows,
} from './support/self-service-flows';
import { startSmtp } from './support/smtp';

// One person, one login, a membership in each organization that
// registered the person's email; tokens act for one membership and rules never add them up.
let federation: Federation;
let smtp: Awaited<ReturnType<typeof startSmtp>>;
let flows: ReturnType<typeof selfServiceFlows>;
let adminA: { token: string };
let adminB: { token: string };
beforeAll(async () => {
  smtp = await startSmtp();
  federation = await startFederation('members', { SMTP_URL: smtp.url(), MAIL_POLL_MILLISECONDS: '100' });
  flows = selfServiceFlows(federation, smtp);
  adminA = await signedInContact(federation, '42061', [ContactType.ADMINISTRATOR], 'admin-a@42061.example');
  adminB = await signedInContact(federation, '01001', [ContactType.ADMINISTRATOR], 'admin-b@01001.example');
});
afterAll(async () => {
  await federation?.stop();
  await smtp?.stop();
});

const LOGIN = `mutation ($u: String!, $p: String!) { login(userName: $u, password: $p) {
  accessToken refreshToken passwordChangeRequired organizationChoiceRequired choiceToken organizations { organizationId organizationName contactTypes } } }`;
const CHOOSE =
  'mutation ($t: String!, $o: ID!) { chooseOrganization(choiceToken: $t, organizationId: $o) { accessToken refreshToken } }';
const SWITCH = 'mutation ($o: ID!) { switchOrganization(organizationId: $o) { accessToken refreshToken } }';
const ME =
  '{ me { contact { id } organization { id } contactTypes memberships { contactId organizationId contactTypes current capabilities { function level } } } }';
const CONTACTS = 'query ($code: String!) { organization(code: $code) { contacts { totalCount } } }';
const CREATE = 'mutation ($input: CreateContactInput!) { createContact(input: $input) { id } }';
const PANEL =
  'query ($id: ID!) { contact(id: $id) { selfService { status unsuccessfulAttemptsSinceLastSuccess availableActions securityEvents { items { type actorKind } } } } }';
const A = demoOrganizationId('42061');
const B = demoOrganizationId('01001');
const PASSWORD = 'one passphrase for every organization';

const ok = <T>(response: GraphQLResponse<T>): T => {
  if (response.errors) throw new Error(JSON.stringify(response.errors));
  return response.data!;
};
const codes = (response: GraphQLResponse) => (response.errors ?? []).map((e) => e.extensions?.code);
const login = (u: string, p: string) =>
  federation.query(LOGIN, { u, p }, { headers: { 'x-forwarded-for': '203.0.113.7' } });
const newContact = (organizationId: string, tag: string) => ({
  input: {
    ...contactInput('Made', tag, `made-${tag}-${Date.now()}@test.example`, [ContactType.READ_ONLY]),
    organizationId,
  },
});
const registrationMails = (email: string) =>
  smtp.received.filter((m) => m.to.toLowerCase().includes(email) && /Temporary password:/.test(m.text));

/** Staff register `firstId`; the person enrolls with PASSWORD; staff register `secondId`, which links. */
async function personOfTwo(email: string, firstId: string, secondId: string) {
  const first = ok(await flows.asStaff(REGISTER, { id: firstId }));
  expect(first.register.status).toBe('REGISTRATION_PENDING');
  const temporary = /Temporary password: (\S+)/.exec((await flows.nextMail(email, /registration/)).text)![1];
  const pending = ok(await login(email, temporary)).login;
  ok(await flows.change(pending.accessToken, temporary, PASSWORD));
  ok(await flows.asStaff(REGISTER, { id: secondId }));
  await flows.nextMail(email, /added you|were added/);
}

/** Sign in and pick `organizationId` in the chooser: that membership's access token. */
async function signInTo(email: string, organizationId: string) {
  const answer = ok(await login(email, PASSWORD)).login;
  expect(answer).toMatchObject({ accessToken: null, organizationChoiceRequired: true });
  return ok(await federation.query(CHOOSE, { t: answer.choiceToken, o: organizationId })).chooseOrganization
    .accessToken as string;
}

describe('Bruno (42061) and Betsy (01001), one email', () => {
  const email = 'bcontact@county.xorg';
  const bruno = demoContactId('bruno');
  const betsy = demoContactId('betsy');
  let tokenA: string;
  let tokenB: string;

  it('staff register both: one temporary password, one password chosen; the sign-in offers both organizations', async () => {
    await personOfTwo(email, bruno, betsy);
    expect(registrationMails(email)).toHaveLength(1);
    const added = (await flows.nextMail(email, /added you|were added/)).text;
    expect(added).toMatch(/01001/);
    expect(added).not.toMatch(/Temporary password/);

    const answer = ok(await login(email, PASSWORD)).login;
    expect(answer).toMatchObject({ accessToken: null, refreshToken: null, organizationChoiceRequired: true });
    expect(
      answer.organizations.map((o: { organizationId: string; contactTypes: string[] }) => [
        o.organizationId,
        [...o.contactTypes].sort(),
      ]),
    ).toEqual([
      [A, [ContactType.ACCOUNT_RECEIVABLE, ContactType.ADMINISTRATOR, ContactType.BENEFIT, ContactType.PAYROLL].sort()],
      [B, [ContactType.PAYROLL]],
    ]);
    // The choice token works once.
    tokenA = ok(await federation.query(CHOOSE, { t: answer.choiceToken, o: A })).chooseOrganization.accessToken;
    expect(codes(await federation.query(CHOOSE, { t: answer.choiceToken, o: B }))).toEqual(['INVALID_TOKEN']);
  });

  it('chooses 42061 and reads and edits it as Bruno', async () => {
    const me = ok(await federation.query(ME, {}, { token: tokenA })).me;
    expect(me).toMatchObject({ contact: { id: bruno }, organization: { id: A } });
    expect(
      me.memberships.map((m: { organizationId: string; current: boolean }) => [m.organizationId, m.current]),
    ).toEqual([
      [A, true],
      [B, false],
    ]);
    expect(
      ok(await federation.query(CONTACTS, { code: '42061' }, { token: tokenA })).organization.contacts.totalCount,
    ).toBeGreaterThan(0);
    ok(await federation.query(CREATE, newContact(A, 'ByBruno'), { token: tokenA }));
  });

  it("switches to 01001 without a password and acts there with Betsy's types only", async () => {
    tokenB = ok(await federation.query(SWITCH, { o: B }, { token: tokenA })).switchOrganization.accessToken;
    const me = ok(await federation.query(ME, {}, { token: tokenB })).me;
    expect(me).toMatchObject({ contact: { id: betsy }, organization: { id: B }, contactTypes: [ContactType.PAYROLL] });
    expect(me.memberships.find((m: { current: boolean }) => m.current).organizationId).toBe(B);
    expect(
      ok(await federation.query(CONTACTS, { code: '01001' }, { token: tokenB })).organization.contacts.totalCount,
    ).toBeGreaterThan(0);
    // Payroll reads contacts but does not edit them, though the same person administers 42061.
    expect(codes(await federation.query(CREATE, newContact(B, 'ByBetsy'), { token: tokenB }))).toEqual(['FORBIDDEN']);
  });

  it("refuses the 42061 token on 01001's data, and a switch to an organization the person is not in", async () => {
    expect(codes(await federation.query(CONTACTS, { code: '01001' }, { token: tokenA }))).toEqual(['FORBIDDEN']);
    expect(codes(await federation.query(CREATE, newContact(B, 'ByBrunoInB'), { token: tokenA }))).toEqual([
      'FORBIDDEN',
    ]);
    expect(
      codes(await federation.query(SWITCH, { o: '00000000-0000-4000-8000-000000000000' }, { token: tokenA })),
    ).toEqual(['NOT_FOUND']);
  });

  it('shows one set of login facts (ESS ID, user name, password last changed, status, second factors) from either organization', async () => {
    const FACTS = `essId userName status passwordLastChanged lastSuccessfulLogin successfulLoginAttempts
      enrollmentCompleted passwordExpired secondFactorSet secondFactorKinds`;
    const panel = async (id: string) =>
      ok(await flows.asStaff(`query ($id: ID!) { contact(id: $id) { selfService { ${FACTS} } } }`, { id })).contact
        .selfService;
    const mine = async (token: string) =>
      ok(await federation.query(`{ me { selfService { ${FACTS} } } }`, {}, { token })).me.selfService;
    const inA = await panel(bruno);
    expect(inA.passwordLastChanged).not.toBeNull();
    expect(await panel(betsy)).toEqual(inA);
    expect(await mine(tokenA)).toEqual(inA);
    expect(await mine(tokenB)).toEqual(inA);
  });

  it('three wrong passwords lock the person once; either organization sees the lock and can Unlock; one unlock mail', async () => {
    const lockMails = () => smtp.received.filter((m) => m.to.includes(email) && /locked/.test(m.subject)).length;
    for (let i = 0; i < 3; i++) expect(codes(await login(email, `wrong guess ${i}`))).toEqual(['UNAUTHENTICATED']);
    await flows.nextMail(email, /locked/);
    await new Promise((r) => setTimeout(r, 500));
    expect(lockMails()).toBe(1);
    expect(ok(await federation.query(PANEL, { id: bruno }, { token: adminA.token })).contact.selfService).toMatchObject(
      { status: 'LOCKED', availableActions: ['UNLOCK', 'RE_ENROLL'] },
    );
    expect(ok(await federation.query(PANEL, { id: betsy }, { token: adminB.token })).contact.selfService).toMatchObject(
      { status: 'LOCKED', availableActions: ['UNLOCK', 'RE_ENROLL'] },
    );
    expect(codes(await login(email, PASSWORD))).toEqual(['UNAUTHENTICATED']);

    const unlockMails = () => smtp.received.filter((m) => m.to.includes(email) && /finish unlocking/.test(m.subject));
    ok(await federation.query(UNLOCK, { id: betsy }, { token: adminB.token }));
    const mail = await flows.nextMail(email, /finish unlocking/);
    expect(mail.subject).toMatch(/01001/);
    await new Promise((r) => setTimeout(r, 500));
    expect(unlockMails()).toHaveLength(1);
    ok(await federation.query(COMPLETE_UNLOCK, { t: linkTokenIn(mail.text) }));

    for (const [id, token] of [
      [bruno, adminA.token],
      [betsy, adminB.token],
    ]) {
      expect(ok(await federation.query(PANEL, { id }, { token })).contact.selfService).toMatchObject({
        status: 'REGISTERED',
        unsuccessfulAttemptsSinceLastSuccess: 0,
      });
    }
    // Audited with the organization that pressed the button: 01001's panel, not 42061's.
    const events = async (id: string, token: string) =>
      ok(await federation.query(PANEL, { id }, { token })).contact.selfService.securityEvents.items.map(
        (e: { type: string }) => e.type,
      );
    expect(await events(betsy, adminB.token)).toEqual(
      expect.arrayContaining(['LOCKED', 'UNLOCK_REQUESTED', 'UNLOCKED']),
    );
    expect(await events(bruno, adminA.token)).toEqual(expect.arrayContaining(['LOCKED', 'UNLOCKED']));
    expect(await events(bruno, adminA.token)).not.toContain('UNLOCK_REQUESTED');
    await signInTo(email, A);
  });
});

describe('Administrator in A, Read Only in B', () => {
  const email = 'two-hats@person.example';
  let inA: string;
  let inB: string;
  let tokenA: string;
  let tokenB: string;
  beforeAll(async () => {
    inA = await createContact(federation, '42061', contactInput('Two', 'Hats', email, [ContactType.ADMINISTRATOR]));
    inB = await createContact(federation, '01001', contactInput('Two', 'Hats', email, [ContactType.READ_ONLY]));
    await personOfTwo(email, inA, inB);
    tokenA = await signInTo(email, A);
    tokenB = ok(await federation.query(SWITCH, { o: B }, { token: tokenA })).switchOrganization.accessToken;
  });

  const ENTITY_PANEL = (id: string) =>
    `{ _entities(representations: [{ __typename: "Contact", id: "${id}" }]) { ... on Contact { selfService { status securityEvents { totalCount } } } } }`;

  it('can edit in A and cannot in B, through the gateway and straight to the contact subgraph', async () => {
    for (const url of [federation.gatewayUrl, federation.subgraphs.contact.url]) {
      ok(await federation.query(CREATE, newContact(A, 'InA'), { url, token: tokenA }));
      expect(codes(await federation.query(CREATE, newContact(B, 'InB'), { url, token: tokenB }))).toEqual([
        'FORBIDDEN',
      ]);
      expect(codes(await federation.query(CREATE, newContact(B, 'AWithB'), { url, token: tokenA }))).toEqual([
        'FORBIDDEN',
      ]);
    }
  });

  it('can register in A and cannot in B, through the gateway and straight to the credential subgraph', async () => {
    for (const [i, url] of [federation.gatewayUrl, federation.subgraphs.credential.url].entries()) {
      const b = await createContact(
        federation,
        '01001',
        contactInput('Not', 'Registered', `not-registered-${i}@test.example`, [ContactType.READ_ONLY]),
      );
      expect(codes(await federation.query(REGISTER, { id: b }, { url, token: tokenB }))).toEqual(['FORBIDDEN']);
      expect(codes(await federation.query(REGISTER, { id: b }, { url, token: tokenA }))).toEqual(['FORBIDDEN']);
      const a = await createContact(
        federation,
        '42061',
        contactInput('Now', 'Registered', `now-registered-${i}@test.example`, [ContactType.READ_ONLY]),
      );
      expect(ok(await federation.query(REGISTER, { id: a }, { url, token: tokenA })).register.status).toBe(
        'REGISTRATION_PENDING',
      );
    }
  });

  it("through `_entities`: the panel's audit trail (EDIT on contacts) in A, not in B; nothing of A's data with B's token", async () => {
    const url = federation.subgraphs.credential.url;
    const inAWithA = await federation.query(ENTITY_PANEL(inA), {}, { url, token: tokenA });
    expect(inAWithA.errors).toBeUndefined();
    expect(inAWithA.data._entities[0].selfService.securityEvents.totalCount).toBeGreaterThan(0);
    const inBWithB = await federation.query(ENTITY_PANEL(inB), {}, { url, token: tokenB });
    expect(codes(inBWithB)).toEqual(['FORBIDDEN']);
    const inAWithB = await federation.query(ENTITY_PANEL(inA), {}, { url, token: tokenB });
    expect(inAWithB.data?._entities[0]?.selfService ?? null).toBeNull();
  });
});

describe("an administrator of A registers a contact with the email of B's person", () => {
  const email = 'b-person@01001.example';
  /** What an administrator learns from an answer, with the names it already knows taken out. */
  const learned = (response: GraphQLResponse, known: string) =>
    JSON.stringify({ data: response.data ?? null, codes: codes(response) })
      .replaceAll(known, 'EMAIL')
      .replace(/"essId":\d+/g, '"essId":0')
      .replace(/"temporaryPasswordExpiresAt":"[^"]+"/g, '"temporaryPasswordExpiresAt":"T"');
  const PANEL_QUERY = `query ($id: ID!) { contact(id: $id) { selfServiceActions selfService {
    status essId userName enrollmentCompleted temporaryPasswordSet temporaryPasswordExpiresAt passwordExpired reenrolled passwordLastChanged lastSuccessfulLogin
    successfulLoginAttempts totalUnsuccessfulAttempts unsuccessfulAttemptsSinceLastSuccess lastAuthenticationFailure availableActions
    securityEvents { totalCount items { type actorKind } } } } }`;
  const asA = (query: string, variables: Record<string, unknown>) =>
    federation.query(query, variables, { token: adminA.token });
  const asB = (query: string, variables: Record<string, unknown>) =>
    federation.query(query, variables, { token: adminB.token });
  const createdByA = async (address: string) =>
    ok(
      await asA(CREATE, {
        input: { ...contactInput('Same', 'Person', address, [ContactType.READ_ONLY]), organizationId: A },
      }),
    ).createContact.id as string;

  it("learns nothing a new email would not tell, and B's administrator can still do everything for the person", async () => {
    const own = ok(
      await asB(CREATE, {
        input: { ...contactInput('Own', 'Person', email, [ContactType.READ_ONLY]), organizationId: B },
      }),
    ).createContact.id as string;
    ok(await asB(REGISTER, { id: own }));
    const temporary = /Temporary password: (\S+)/.exec((await flows.nextMail(email, /registration/)).text)![1];
    ok(await flows.change(ok(await login(email, temporary)).login.accessToken, temporary, PASSWORD));
    ok(await login(email, PASSWORD));

    const fresh = 'never-seen@person.example';
    const [linked, brandNew] = [await createdByA(email), await createdByA(fresh)];
    expect(learned(await asA(REGISTER, { id: linked }), email)).toBe(
      learned(await asA(REGISTER, { id: brandNew }), fresh),
    );
    expect(learned(await asA(PANEL_QUERY, { id: linked }), email)).toBe(
      learned(await asA(PANEL_QUERY, { id: brandNew }), fresh),
    );

    // The person fails twice and signs in: A's panel moves no more than the untouched new email's.
    await login(email, 'not my passphrase');
    await login(email, 'still not my passphrase');
    ok(await login(email, PASSWORD));
    expect(learned(await asA(PANEL_QUERY, { id: linked }), email)).toBe(
      learned(await asA(PANEL_QUERY, { id: brandNew }), fresh),
    );
    // A's buttons answer as they do for the new email; A's Re-Enroll ends nobody's password.
    expect(learned(await asA(UNLOCK, { id: linked }), email)).toBe(learned(await asA(UNLOCK, { id: brandNew }), fresh));
    expect(learned(await asA(RE_ENROLL, { id: linked }), email)).toBe(
      learned(await asA(RE_ENROLL, { id: brandNew }), fresh),
    );
    expect(ok(await login(email, PASSWORD)).login.organizationChoiceRequired).toBe(true);

    // B's administrator: the lock, Unlock, Re-Enroll, all as before.
    for (let i = 0; i < 3; i++) await login(email, `wrong guess ${i}`);
    expect(ok(await asB(PANEL_QUERY, { id: own })).contact.selfService.status).toBe('LOCKED');
    expect(ok(await asA(PANEL_QUERY, { id: linked })).contact.selfService.status).toBe('REGISTRATION_PENDING');
    ok(await asB(UNLOCK, { id: own }));
    ok(
      await federation.query(COMPLETE_UNLOCK, {
        t: linkTokenIn((await flows.nextMail(email, /finish unlocking/)).text),
      }),
    );
    ok(await login(email, PASSWORD));
    expect(ok(await asB(RE_ENROLL, { id: own })).reEnroll.status).toBe('REGISTRATION_PENDING');
    const again = /Temporary password: (\S+)/.exec((await flows.nextMail(email, /re-enrolled/)).text)![1];
    expect(ok(await login(email, again)).login.passwordChangeRequired).toBe(true);
  });
});
