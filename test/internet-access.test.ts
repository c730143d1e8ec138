import { randomBytes } from 'node:crypto';
import { ContactType } from '@ecg/policy';
import { startFederation, type Federation, type GraphQLResponse } from './support/federation';
import { contactInput, createContact, createOrganization, giveLogin, linkMembership, PASSWORD } from './support/people';
import { startSmtp } from './support/smtp';

// Internet access on request (DESIGN.md section 10), through the gateway on MariaDB with a real
// SMTP server: employees of an organization whose Automatic Internet Access is off sign in from
// the internet (a trusted proxy's X-Forwarded-For), ask, and its Administrator decides.
jest.setTimeout(180_000);
let federation: Federation;
let smtp: Awaited<ReturnType<typeof startSmtp>>;
const INTERNET = { 'x-forwarded-for': '203.0.113.41' };
const INTERNAL = { 'x-forwarded-for': '10.1.2.3' };

beforeAll(async () => {
  smtp = await startSmtp();
  federation = await startFederation('internet', {
    SMTP_URL: smtp.url(),
    MAIL_POLL_MILLISECONDS: '100',
    INTERNAL_NETWORKS: '10.0.0.0/8',
  });
});
afterAll(async () => {
  await federation?.stop();
  await smtp?.stop();
});

const LOGIN = `mutation ($u: String!, $p: String!) { login(userName: $u, password: $p) {
  accessToken refreshToken internetAccessRequestToken } }`;
const LOGIN_CHOICE = `mutation ($u: String!, $p: String!) { login(userName: $u, password: $p) {
  accessToken organizationChoiceRequired choiceToken organizations { organizationId } } }`;
const CHOOSE = `mutation ($t: String!, $o: ID!) { chooseOrganization(choiceToken: $t, organizationId: $o) {
  accessToken refreshToken internetAccessRequestToken } }`;
const REQUEST = 'mutation ($t: String!, $r: String) { requestInternetAccess(token: $t, reason: $r) }';
const REQUESTS = `query ($code: String!, $s: InternetAccessRequestStatus) { organization(code: $code) {
  internetAccessRequests(status: $s) { id contactId fullName userName status reason clientAddress requestedAt decidedByName note } } }`;
const DECIDE = `mutation ($id: ID!, $a: Boolean!, $n: String) { decideInternetAccessRequest(id: $id, approve: $a, note: $n) {
  id status decidedByName note } }`;
const WITHDRAW = 'mutation ($c: ID!) { withdrawInternetAccess(contactId: $c) }';
const REFRESH = 'mutation ($r: String!) { refreshToken(refreshToken: $r) { accessToken refreshToken } }';
const HISTORY = `query ($id: ID!) { contact(id: $id) { selfService { securityEvents(page: 1, pageSize: 50) {
  items { type actorKind } } } } }`;
const MY_EVENTS = '{ me { securityEvents(page: 1, pageSize: 50) { items { type actorKind } } } }';
const PANEL = `query ($id: ID!) { contact(id: $id) { selfService { internetAccessGrant { status decidedByName decidedAt } } } }`;

const unique = () => randomBytes(4).toString('hex');
const ok = <T = any>(r: GraphQLResponse<T>): T => {
  if (r.errors) throw new Error(JSON.stringify(r.errors));
  return r.data!;
};
const codeOf = (r: GraphQLResponse) => r.errors?.[0]?.extensions?.code;
const credentialDb = () => federation.subgraphs.credential.dataSource;

/** An organization with its internet access off, and its signed-in Administrator (from the internal network). */
async function organization(name: string) {
  const code = `I${unique()}`.slice(0, 8).toUpperCase();
  const id = await createOrganization(federation, code, `${name} ${code}`);
  const admin = await member(code, 'Ada', [ContactType.ADMINISTRATOR]);
  await federation.subgraphs.organization.dataSource.query(
    'UPDATE organization SET automaticInternetAccess = 0 WHERE id = ?',
    [id],
  );
  const token = ok(await login(admin.email, PASSWORD, INTERNAL)).login.accessToken as string;
  return { code, id, admin: { ...admin, token } };
}

async function member(code: string, firstName: string, types = [ContactType.READ_ONLY]) {
  const email = `${firstName.toLowerCase()}.${unique()}@internet.example`;
  const id = await createContact(federation, code, contactInput(firstName, 'Employee', email, types));
  await giveLogin(federation, id, code, email);
  return { id, email };
}

const login = (u: string, p: string, headers: Record<string, string>) => federation.query(LOGIN, { u, p }, { headers });

/** A sign-in from the internet that only the zone refuses: the token it answers with. */
async function refusedToken(email: string): Promise<string> {
  const answer = ok(await login(email, PASSWORD, INTERNET)).login;
  expect(answer.accessToken).toBeNull();
  expect(answer.refreshToken).toBeNull();
  expect(answer.internetAccessRequestToken).toEqual(expect.any(String));
  return answer.internetAccessRequestToken;
}

const requestsOf = async (org: { code: string; admin: { token: string } }, status?: string) =>
  ok(await federation.query(REQUESTS, { code: org.code, s: status }, { token: org.admin.token })).organization
    .internetAccessRequests as any[];

const eventsOf = async (contactId: string): Promise<string[]> =>
  (await credentialDb().query('SELECT type FROM security_event WHERE contactId = ? ORDER BY at, id', [contactId])).map(
    (row: { type: string }) => row.type,
  );

it('an employee asks once, the administrator is mailed once and approves, the employee signs in and refreshes until withdrawn', async () => {
  const org = await organization('APPROVING DISTRICT');
  const employee = await member(org.code, 'Emma');

  const token = await refusedToken(employee.email);
  expect(
    ok(await federation.query(REQUEST, { t: token, r: 'Working from home this term' }, { headers: INTERNET })),
  ).toEqual({ requestInternetAccess: true });
  // A second request while one is pending changes nothing, and says so; a spent token is spent.
  const again = await refusedToken(employee.email);
  expect(ok(await federation.query(REQUEST, { t: again, r: 'again' }, { headers: INTERNET }))).toEqual({
    requestInternetAccess: false,
  });
  expect(codeOf(await federation.query(REQUEST, { t: token }, { headers: INTERNET }))).toBe('INVALID_TOKEN');

  const [mail] = await smtp.waitForSubject(org.admin.email, /asks to sign in from the internet/);
  expect(mail.text).toContain(employee.email);
  expect(mail.text).toContain('Working from home this term');
  expect(mail.text).toContain('203.0.113.41');

  const [pending] = await requestsOf(org, 'PENDING');
  expect(pending).toMatchObject({
    contactId: employee.id,
    fullName: 'Emma Employee',
    userName: employee.email,
    status: 'PENDING',
    reason: 'Working from home this term',
    clientAddress: '203.0.113.41',
  });
  expect(await requestsOf(org)).toHaveLength(1);

  const decided = ok(
    await federation.query(DECIDE, { id: pending.id, a: true, n: 'For this term' }, { token: org.admin.token }),
  ).decideInternetAccessRequest;
  expect(decided).toMatchObject({ status: 'APPROVED', decidedByName: 'Ada Employee', note: 'For this term' });
  const [approved] = await smtp.waitForSubject(employee.email, /internet access was approved/);
  expect(approved.text).toContain('For this term');
  // Once per request: the administrators' mail was not sent again.
  expect(smtp.received.filter((m) => m.to.includes(org.admin.email))).toHaveLength(1);

  // The grant: a session from the internet, renewed from the internet, shown on the panel.
  const session = ok(await login(employee.email, PASSWORD, INTERNET)).login;
  expect(session.accessToken).toEqual(expect.any(String));
  expect(session.internetAccessRequestToken).toBeNull();
  const renewed = ok(await federation.query(REFRESH, { r: session.refreshToken }, { headers: INTERNET })).refreshToken;
  expect(renewed.accessToken).toEqual(expect.any(String));
  const panel = ok(await federation.query(PANEL, { id: employee.id }, { token: org.admin.token }));
  expect(panel.contact.selfService.internetAccessGrant).toMatchObject({
    status: 'APPROVED',
    decidedByName: 'Ada Employee',
  });
  expect(codeOf(await federation.query(DECIDE, { id: pending.id, a: false }, { token: org.admin.token }))).toBe(
    'CONFLICT',
  );

  // Withdrawn: the next renewal from the internet is refused, the person is told.
  expect(ok(await federation.query(WITHDRAW, { c: employee.id }, { token: org.admin.token }))).toEqual({
    withdrawInternetAccess: true,
  });
  expect(codeOf(await federation.query(REFRESH, { r: renewed.refreshToken }, { headers: INTERNET }))).toBe(
    'INTERNET_ACCESS_DISABLED',
  );
  await smtp.waitForSubject(employee.email, /internet access was withdrawn/);
  const panelAfter = ok(await federation.query(PANEL, { id: employee.id }, { token: org.admin.token }));
  expect(panelAfter.contact.selfService.internetAccessGrant).toBeNull();
  expect(await eventsOf(employee.id)).toEqual(
    expect.arrayContaining(['INTERNET_ACCESS_REQUESTED', 'INTERNET_ACCESS_APPROVED', 'INTERNET_ACCESS_WITHDRAWN']),
  );
});

it('a denied employee stays refused; an undecided request lapses after 14 days; pending come first', async () => {
  const org = await organization('DENYING DISTRICT');
  const denied = await member(org.code, 'Dora');
  const lapsing = await member(org.code, 'Luke');
  const waiting = await member(org.code, 'Wanda');
  for (const person of [denied, lapsing, waiting])
    expect(ok(await federation.query(REQUEST, { t: await refusedToken(person.email) }, { headers: INTERNET }))).toEqual(
      { requestInternetAccess: true },
    );
  await smtp.waitFor(org.admin.email, 3);

  const request = (contactId: string) => requestsOf(org).then((all) => all.find((r) => r.contactId === contactId));
  const dora = await request(denied.id);
  expect(
    ok(await federation.query(DECIDE, { id: dora.id, a: false, n: 'Office only' }, { token: org.admin.token }))
      .decideInternetAccessRequest.status,
  ).toBe('DENIED');
  const [mail] = await smtp.waitForSubject(denied.email, /internet access was denied/);
  expect(mail.text).toContain('Office only');
  await refusedToken(denied.email);
  expect(await eventsOf(denied.id)).toContain('INTERNET_ACCESS_DENIED');

  // Filed 15 days ago, as time would have it: lapsed, not decidable, and the person may ask again.
  const luke = await request(lapsing.id);
  await credentialDb().query('UPDATE internet_access_request SET requestedAt = ? WHERE id = ?', [
    new Date(Date.now() - 15 * 24 * 3600_000),
    luke.id,
  ]);
  expect(codeOf(await federation.query(DECIDE, { id: luke.id, a: true }, { token: org.admin.token }))).toBe('CONFLICT');
  expect((await request(lapsing.id)).status).toBe('LAPSED');
  expect((await requestsOf(org, 'LAPSED')).map((r) => r.contactId)).toEqual([lapsing.id]);
  await refusedToken(lapsing.email);

  const statuses = (await requestsOf(org)).map((r) => r.status);
  expect(statuses[0]).toBe('PENDING');
  expect(statuses.slice(1)).not.toContain('PENDING');
  expect(ok(await federation.query(REQUEST, { t: await refusedToken(lapsing.email) }, { headers: INTERNET }))).toEqual({
    requestInternetAccess: true,
  });
});

it('a wrong password files nothing and answers as any wrong password', async () => {
  const org = await organization('WRONG PASSWORD DISTRICT');
  const employee = await member(org.code, 'Walt');
  const answer = await login(employee.email, 'not the password at all', INTERNET);
  expect(codeOf(answer)).toBe('UNAUTHENTICATED');
  expect(answer.data?.login ?? null).toBeNull();
  expect(await requestsOf(org)).toEqual([]);
  const unknown = await login(`nobody.${unique()}@internet.example`, 'not the password at all', INTERNET);
  expect(answer.errors?.[0]?.message).toBe(unknown.errors?.[0]?.message);
});

it("another organization's Administrator can neither see nor decide nor withdraw; a Read Only contact neither", async () => {
  const org = await organization('OWN DISTRICT');
  const other = await organization('OTHER DISTRICT');
  const employee = await member(org.code, 'Otto');
  await federation.query(REQUEST, { t: await refusedToken(employee.email) }, { headers: INTERNET });
  const [pending] = await requestsOf(org);

  const seen = await federation.query(REQUESTS, { code: org.code }, { token: other.admin.token });
  expect(seen.data?.organization?.internetAccessRequests ?? null).toBeNull();
  expect(seen.errors?.length).toBeGreaterThan(0);
  expect(codeOf(await federation.query(DECIDE, { id: pending.id, a: true }, { token: other.admin.token }))).toBe(
    'NOT_FOUND',
  );
  const readOnly = await member(org.code, 'Rita');
  const readOnlyToken = ok(await login(readOnly.email, PASSWORD, INTERNAL)).login.accessToken;
  expect(codeOf(await federation.query(REQUESTS, { code: org.code }, { token: readOnlyToken }))).toBe('FORBIDDEN');
  expect(codeOf(await federation.query(DECIDE, { id: pending.id, a: true }, { token: readOnlyToken }))).toBe(
    'FORBIDDEN',
  );
  expect((await requestsOf(org))[0].status).toBe('PENDING');

  // Staff decide for any organization.
  const decided = ok(
    await federation.query(DECIDE, { id: pending.id, a: true }, { token: await federation.staffToken() }),
  ).decideInternetAccessRequest;
  expect(decided.status).toBe('APPROVED');
  expect(codeOf(await federation.query(WITHDRAW, { c: employee.id }, { token: other.admin.token }))).toBe('NOT_FOUND');
});

it('a person of two organizations chooses the one without internet access from the internet: a request token, as with one organization', async () => {
  const org = await organization('CHOSEN DISTRICT');
  const openCode = `O${unique()}`.slice(0, 8).toUpperCase();
  const openId = await createOrganization(federation, openCode, `OPEN DISTRICT ${openCode}`);
  const person = await member(openCode, 'Paula');
  const chosenId = await linkMembership(federation, org.code, person.email, [ContactType.PAYROLL], ['Paula', 'Chosen']);
  const choiceToken = async () => {
    const answer = ok(
      await federation.query(LOGIN_CHOICE, { u: person.email, p: PASSWORD }, { headers: INTERNET }),
    ).login;
    // Where the person is decides at the choice, so both are offered.
    expect(answer).toMatchObject({ accessToken: null, organizationChoiceRequired: true });
    expect(answer.organizations.map((o: { organizationId: string }) => o.organizationId).sort()).toEqual(
      [openId, org.id].sort(),
    );
    return answer.choiceToken as string;
  };

  // The organization that allows the internet: a session, as before.
  const open = ok(
    await federation.query(CHOOSE, { t: await choiceToken(), o: openId }, { headers: INTERNET }),
  ).chooseOrganization;
  expect(open).toMatchObject({ accessToken: expect.any(String), internetAccessRequestToken: null });

  // The one that does not: no session, the token that files a request for that membership.
  const refused = ok(
    await federation.query(CHOOSE, { t: await choiceToken(), o: org.id }, { headers: INTERNET }),
  ).chooseOrganization;
  expect(refused).toMatchObject({ accessToken: null, refreshToken: null });
  expect(
    ok(
      await federation.query(
        REQUEST,
        { t: refused.internetAccessRequestToken, r: 'Payroll from home' },
        { headers: INTERNET },
      ),
    ),
  ).toEqual({ requestInternetAccess: true });
  const [mail] = await smtp.waitForSubject(org.admin.email, /Paula Chosen asks to sign in from the internet/);
  expect(mail.text).toContain('Payroll from home');
  const [pending] = await requestsOf(org, 'PENDING');
  expect(pending).toMatchObject({
    contactId: chosenId,
    userName: person.email,
    fullName: 'Paula Chosen',
    clientAddress: '203.0.113.41',
  });

  // The web app's chooser, through the gateway's session route: the token too, and no cookie.
  const route = await fetch(`${new URL(federation.gatewayUrl).origin}/session/organization`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-requested-by': 'web-app', ...INTERNET },
    body: JSON.stringify({ organizationId: org.id, choiceToken: await choiceToken() }),
  });
  const routed = (await route.json()) as Record<string, unknown>;
  expect(route.status).toBe(200);
  expect(routed).toEqual({ internetAccessRequestToken: expect.any(String) });
  expect(route.headers.getSetCookie()).toEqual([]);
  // Already pending: nothing changes, and it says so.
  expect(ok(await federation.query(REQUEST, { t: routed.internetAccessRequestToken }, { headers: INTERNET }))).toEqual({
    requestInternetAccess: false,
  });

  // Approved: the choice gives a session from the internet.
  ok(await federation.query(DECIDE, { id: pending.id, a: true }, { token: org.admin.token }));
  const granted = ok(
    await federation.query(CHOOSE, { t: await choiceToken(), o: org.id }, { headers: INTERNET }),
  ).chooseOrganization;
  expect(granted).toMatchObject({ accessToken: expect.any(String), internetAccessRequestToken: null });
});

it('a request undecided for 14 days lapses once however many read it at once: one security event, one mail to the person, who may ask again', async () => {
  const org = await organization('LAPSING DISTRICT');
  const person = await member(org.code, 'Lars');
  expect(ok(await federation.query(REQUEST, { t: await refusedToken(person.email) }, { headers: INTERNET }))).toEqual({
    requestInternetAccess: true,
  });
  await smtp.waitForSubject(org.admin.email, /Lars Employee asks to sign in from the internet/);
  const [pending] = await requestsOf(org, 'PENDING');
  // Filed 15 days ago, as time would have it.
  await credentialDb().query('UPDATE internet_access_request SET requestedAt = ? WHERE id = ?', [
    new Date(Date.now() - 15 * 24 * 3600_000),
    pending.id,
  ]);

  // Several readers at the same moment: the lists of two administrators' screens, a decision.
  const [decided] = await Promise.all([
    federation.query(DECIDE, { id: pending.id, a: true }, { token: org.admin.token }),
    requestsOf(org),
    requestsOf(org, 'PENDING'),
    requestsOf(org, 'LAPSED'),
  ]);
  expect(codeOf(decided)).toBe('CONFLICT');
  expect((await requestsOf(org)).map((r) => r.status)).toEqual(['LAPSED']);

  const lapsedEvents = (items: { type: string; actorKind: string }[]) =>
    items.filter((e) => e.type === 'INTERNET_ACCESS_LAPSED');
  const history = ok(await federation.query(HISTORY, { id: person.id }, { token: org.admin.token }));
  expect(lapsedEvents(history.contact.selfService.securityEvents.items)).toEqual([
    { type: 'INTERNET_ACCESS_LAPSED', actorKind: 'SYSTEM' },
  ]);
  const [mail] = await smtp.waitForSubject(person.email, /request for internet access lapsed/);
  expect(mail.text).toContain('14 days');
  expect(mail.text).toContain('ask again');
  // Reading again changes nothing: still one event, one mail.
  await requestsOf(org);
  await new Promise((settle) => setTimeout(settle, 500));
  expect(smtp.received.filter((m) => m.to.includes(person.email) && /lapsed/.test(m.subject))).toHaveLength(1);

  // The person sees it among their own events (signed in at work), and may ask again.
  const own = ok(await login(person.email, PASSWORD, INTERNAL)).login.accessToken as string;
  const mine = ok(await federation.query(MY_EVENTS, {}, { token: own })).me.securityEvents.items;
  expect(lapsedEvents(mine)).toHaveLength(1);
  expect(ok(await federation.query(REQUEST, { t: await refusedToken(person.email) }, { headers: INTERNET }))).toEqual({
    requestInternetAccess: true,
  });
});

it('a denial stands for 14 days: asking again within them changes nothing, mails nobody and says when; after them the person may ask again', async () => {
  const org = await organization('FIRM DISTRICT');
  const person = await member(org.code, 'Dina');
  ok(await federation.query(REQUEST, { t: await refusedToken(person.email) }, { headers: INTERNET }));
  await smtp.waitForSubject(org.admin.email, /Dina Employee asks/);
  const [pending] = await requestsOf(org, 'PENDING');
  ok(await federation.query(DECIDE, { id: pending.id, a: false, n: 'Office only' }, { token: org.admin.token }));
  await smtp.waitForSubject(person.email, /internet access was denied/);
  const [denial] = await credentialDb().query('SELECT decidedAt FROM internet_access_request WHERE id = ?', [
    pending.id,
  ]);

  const again = await federation.query(
    REQUEST,
    { t: await refusedToken(person.email), r: 'Please' },
    {
      headers: INTERNET,
    },
  );
  expect(codeOf(again)).toBe('INTERNET_ACCESS_REQUEST_DENIED');
  const extensions = again.errors![0].extensions!;
  expect(new Date(extensions.deniedAt).getTime()).toBe(new Date(denial.decidedAt).getTime());
  expect(new Date(extensions.askAgainAfter).getTime()).toBe(new Date(denial.decidedAt).getTime() + 14 * 24 * 3600_000);
  expect((await requestsOf(org)).map((r) => r.status)).toEqual(['DENIED']);
  await new Promise((settle) => setTimeout(settle, 500));
  expect(
    smtp.received.filter((m) => m.to.includes(org.admin.email) && /Dina Employee asks/.test(m.subject)),
  ).toHaveLength(1);

  // Denied 15 days ago, as time would have it: the person may ask again, and the administrators hear of it.
  await credentialDb().query('UPDATE internet_access_request SET decidedAt = ? WHERE id = ?', [
    new Date(Date.now() - 15 * 24 * 3600_000),
    pending.id,
  ]);
  expect(ok(await federation.query(REQUEST, { t: await refusedToken(person.email) }, { headers: INTERNET }))).toEqual({
    requestInternetAccess: true,
  });
  await smtp.waitFor(org.admin.email, 2);
  expect((await requestsOf(org)).map((r) => r.status)).toEqual(['PENDING', 'DENIED']);
});

it("says how long a change of the organization's sign-in rules takes to reach people signed in: the access token lifetime, to its own people only", async () => {
  const org = await organization('DELAY DISTRICT');
  const other = await organization('OTHER DELAY DISTRICT');
  const DELAY = 'query ($code: String!) { organization(code: $code) { sessionRuleDelaySeconds } }';
  expect(ok(await federation.query(DELAY, { code: org.code }, { token: org.admin.token }))).toEqual({
    organization: { sessionRuleDelaySeconds: 900 },
  });
  expect(codeOf(await federation.query(DELAY, { code: org.code }, { token: other.admin.token }))).toBe('FORBIDDEN');
});
