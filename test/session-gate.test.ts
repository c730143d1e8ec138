import { randomBytes } from 'node:crypto';
import { loadCredentialConfig, resetStaffSecondFactors, secondFactors } from '@ecg/credential';
import { ContactType } from '@ecg/policy';
import { startFederation, type Federation, type GraphQLResponse } from './support/federation';
import { contactInput, createContact, createOrganization, giveLogin, PASSWORD, staffLogin } from './support/people';
import { codeAt } from './support/second-factor';
import { startSmtp } from './support/smtp';

// The session gate through the gateway on MariaDB: every path that issues or renews a session
// (password, second step with a code or a recovery code, choose, switch, refresh) against every
// condition that must refuse it. Conditions are set in the owning databases right before the
// path's last step, as an administrator, a lock or time would set them.
jest.setTimeout(120_000);
let federation: Federation;
let smtp: Awaited<ReturnType<typeof startSmtp>>;
const INTERNET = { 'x-forwarded-for': '203.0.113.40' };
// The key startFederation gives every federation.
const SECOND_FACTOR_KEY = { SECOND_FACTOR_KEY: 'f'.repeat(64) };

beforeAll(async () => {
  smtp = await startSmtp();
  federation = await startFederation('gate', {
    SMTP_URL: smtp.url(),
    MAIL_POLL_MILLISECONDS: '100',
    INTERNAL_NETWORKS: '10.0.0.0/8',
    LOCKOUT_INTERNET_ATTEMPTS: '3',
  });
});
afterAll(async () => {
  await federation?.stop();
  await smtp?.stop();
});

const SESSION = 'accessToken refreshToken';
const LOGIN = `mutation ($u: String!, $p: String!) { login(userName: $u, password: $p) { ${SESSION}
  secondFactorChallenge secondFactorEnrolmentRequired organizationChoiceRequired choiceToken internetAccessRequestToken } }`;
const VERIFY = `mutation ($c: String!, $code: String, $r: String) { verifySecondFactor(challenge: $c, code: $code, recoveryCode: $r) { ${SESSION} internetAccessRequestToken } }`;
const CHOOSE = `mutation ($t: String!, $o: ID!) { chooseOrganization(choiceToken: $t, organizationId: $o) { ${SESSION} internetAccessRequestToken } }`;
const SWITCH = `mutation ($o: ID!) { switchOrganization(organizationId: $o) { ${SESSION} } }`;
const REFRESH = `mutation ($r: String!) { refreshToken(refreshToken: $r) { ${SESSION} } }`;
const START_TOTP = 'mutation ($p: String) { startTotpEnrolment(currentPassword: $p) { secret } }';
const CONFIRM_TOTP = 'mutation ($code: String!) { confirmTotpEnrolment(code: $code) { codes } }';

const credentialDb = () => federation.subgraphs.credential.dataSource;
const unique = () => randomBytes(4).toString('hex');
const ok = <T = any>(r: GraphQLResponse<T>): T => {
  if (r.errors) throw new Error(JSON.stringify(r.errors));
  return r.data!;
};
const codeOf = (r: GraphQLResponse) => r.errors?.[0]?.extensions?.code;

/** A person of a fresh organization (and of a second one, linked and confirmed, when asked). */
async function person(options: { secondOrganization?: boolean } = {}) {
  const code = `G${unique()}`.slice(0, 8).toUpperCase();
  const organizationId = await createOrganization(federation, code);
  const email = `gate.${unique()}@gate.example`;
  const contactId = await createContact(
    federation,
    code,
    contactInput('Gate', 'Person', email, [ContactType.READ_ONLY]),
  );
  await giveLogin(federation, contactId, code, email);
  const [{ essId }] = await credentialDb().query('SELECT essId FROM self_service_account WHERE contactId = ?', [
    contactId,
  ]);
  const found = { email, organizationId, contactId, essId: Number(essId), other: null as null | Other };
  if (options.secondOrganization) found.other = await linkedMembership(found.essId, email);
  return found;
}
type Other = { organizationId: string; contactId: string };
type Person = Awaited<ReturnType<typeof person>>;

/** A second organization's contact with the same email, linked to the login and confirmed. */
async function linkedMembership(loginEssId: number, email: string): Promise<Other> {
  const code = `H${unique()}`.slice(0, 8).toUpperCase();
  const organizationId = await createOrganization(federation, code);
  const contactId = await createContact(
    federation,
    code,
    contactInput('Gate', 'Other', email, [ContactType.READ_ONLY]),
  );
  await credentialDb().query(
    'INSERT INTO self_service_account (contactId, organizationId, userName, status, enrollmentCompleted, version, loginEssId, linkConfirmedAt) VALUES (?, ?, ?, ?, 1, 1, ?, ?)',
    [contactId, organizationId, email, 'REGISTERED', loginEssId, new Date()],
  );
  return { organizationId, contactId };
}

/** An authenticator set up through the step-up gate; its secret and recovery codes. */
async function withAuthenticator(p: Person) {
  const token = ok(await federation.query(LOGIN, { u: p.email, p: PASSWORD })).login.accessToken as string;
  const { secret } = ok(await federation.query(START_TOTP, { p: PASSWORD }, { token })).startTotpEnrolment;
  const { codes } = ok(await federation.query(CONFIRM_TOTP, { code: codeAt(secret) }, { token })).confirmTotpEnrolment;
  return { secret: secret as string, codes: codes as string[] };
}

const login = (p: Person, headers: Record<string, string> = {}) =>
  federation.query(LOGIN, { u: p.email, p: PASSWORD }, { headers });

/** A condition that must refuse a session, applied to a person (and to `organizationId`, the one the path acts for). */
interface Condition {
  name: string;
  apply(p: Person, organizationId: string, contactId: string): Promise<void>;
  headers?: Record<string, string>;
}
const setLogin = (status: string) => async (p: Person) =>
  void (await credentialDb().query('UPDATE self_service_account SET status = ? WHERE essId = ? OR loginEssId = ?', [
    status,
    p.essId,
    p.essId,
  ]));
const setOrganization = (column: string, value: number) => async (_p: Person, organizationId: string) =>
  void (await federation.subgraphs.organization.dataSource.query(`UPDATE organization SET ${column} = ? WHERE id = ?`, [
    value,
    organizationId,
  ]));
/** What an administrator's approval leaves: the membership's grant (an APPROVED request). */
const grantInternetAccess = async (p: Person, organizationId: string, contactId: string) =>
  void (await credentialDb().query(
    'INSERT INTO internet_access_request (id, contactId, organizationId, loginEssId, userName, fullName, status, requestedAt, decidedAt, decidedByKind, decidedByName) VALUES (UUID(), ?, ?, ?, ?, ?, ?, NOW(), NOW(), ?, ?)',
    [contactId, organizationId, p.essId, p.email, 'Gate Person', 'APPROVED', 'STAFF', 'Staff'],
  ));
const CONDITIONS: Condition[] = [
  { name: 'locked', apply: setLogin('LOCKED') },
  { name: 'disabled', apply: setLogin('DISABLED') },
  {
    name: 'contact inactive',
    apply: async (_p, _o, contactId) =>
      void (await federation.subgraphs.contact.dataSource.query("UPDATE contact SET status = 'INACTIVE' WHERE id = ?", [
        contactId,
      ])),
  },
  {
    name: 'internet access off, from the internet',
    apply: setOrganization('automaticInternetAccess', 0),
    headers: INTERNET,
  },
  { name: 'second factor required without one', apply: setOrganization('secondFactorRequired', 1) },
  {
    name: 'internet access off, grant approved',
    apply: async (p, organizationId, contactId) => {
      await setOrganization('automaticInternetAccess', 0)(p, organizationId);
      await grantInternetAccess(p, organizationId, contactId);
    },
    headers: INTERNET,
  },
];

/**
 * What each path answers for each condition: the proof paths (password, second step) answer a
 * locked or disabled login like a wrong password, as sign-in always has; the paths of a person
 * already signed in name the condition. A required second factor at the password step hands back
 * an enrolment, never a session; a proof refused only for where it comes from, and the choice of
 * an organization after it, hand back a token to request internet access (REQUEST_TOKEN), never a
 * session. An administrator's approval of the membership's request is the one condition that lets
 * a session through (SESSION): from the internet, on every path.
 */
const EXPECTED: Record<string, Record<string, string>> = {
  password: {
    locked: 'UNAUTHENTICATED',
    disabled: 'UNAUTHENTICATED',
    'contact inactive': 'UNAUTHENTICATED',
    'internet access off, from the internet': 'REQUEST_TOKEN',
    'second factor required without one': 'ENROLMENT',
    'internet access off, grant approved': 'SESSION',
  },
  'second step (code)': {
    locked: 'UNAUTHENTICATED',
    disabled: 'UNAUTHENTICATED',
    'contact inactive': 'UNAUTHENTICATED',
    'internet access off, from the internet': 'REQUEST_TOKEN',
    'internet access off, grant approved': 'SESSION',
  },
  'second step (recovery code)': {
    locked: 'UNAUTHENTICATED',
    disabled: 'UNAUTHENTICATED',
    'contact inactive': 'UNAUTHENTICATED',
    'internet access off, from the internet': 'REQUEST_TOKEN',
    'internet access off, grant approved': 'SESSION',
  },
  choose: {
    locked: 'ACCOUNT_LOCKED',
    disabled: 'ACCOUNT_DISABLED',
    'contact inactive': 'CONTACT_INACTIVE',
    'internet access off, from the internet': 'REQUEST_TOKEN',
    'second factor required without one': 'SECOND_FACTOR_REQUIRED',
    'internet access off, grant approved': 'SESSION',
  },
  switch: {
    locked: 'ACCOUNT_LOCKED',
    disabled: 'ACCOUNT_DISABLED',
    'contact inactive': 'CONTACT_INACTIVE',
    'internet access off, from the internet': 'INTERNET_ACCESS_DISABLED',
    'second factor required without one': 'SECOND_FACTOR_REQUIRED',
    'internet access off, grant approved': 'SESSION',
  },
  refresh: {
    locked: 'ACCOUNT_LOCKED',
    disabled: 'ACCOUNT_DISABLED',
    'contact inactive': 'CONTACT_INACTIVE',
    'internet access off, from the internet': 'INTERNET_ACCESS_DISABLED',
    'second factor required without one': 'SECOND_FACTOR_REQUIRED',
    'internet access off, grant approved': 'SESSION',
  },
};

/** Each path: made ready to its last step, then the condition, then that step's answer. */
const PATHS: Record<string, (c: Condition) => Promise<GraphQLResponse>> = {
  async password(c) {
    const p = await person();
    await c.apply(p, p.organizationId, p.contactId);
    return login(p, c.headers);
  },
  async 'second step (code)'(c) {
    const p = await person();
    const { secret } = await withAuthenticator(p);
    const challenge = ok(await login(p)).login.secondFactorChallenge;
    await c.apply(p, p.organizationId, p.contactId);
    return federation.query(VERIFY, { c: challenge, code: codeAt(secret, 1) }, { headers: c.headers });
  },
  async 'second step (recovery code)'(c) {
    const p = await person();
    const { codes } = await withAuthenticator(p);
    const challenge = ok(await login(p)).login.secondFactorChallenge;
    await c.apply(p, p.organizationId, p.contactId);
    return federation.query(VERIFY, { c: challenge, r: codes[0] }, { headers: c.headers });
  },
  async choose(c) {
    const p = await person({ secondOrganization: true });
    const { choiceToken } = ok(await login(p)).login;
    await c.apply(p, p.other!.organizationId, p.other!.contactId);
    return federation.query(CHOOSE, { t: choiceToken, o: p.other!.organizationId }, { headers: c.headers });
  },
  async switch(c) {
    const p = await person({ secondOrganization: true });
    const { choiceToken } = ok(await login(p)).login;
    const { accessToken } = ok(
      await federation.query(CHOOSE, { t: choiceToken, o: p.organizationId }),
    ).chooseOrganization;
    await c.apply(p, p.other!.organizationId, p.other!.contactId);
    return federation.query(SWITCH, { o: p.other!.organizationId }, { token: accessToken, headers: c.headers });
  },
  async refresh(c) {
    const p = await person();
    const { refreshToken } = ok(await login(p)).login;
    await c.apply(p, p.organizationId, p.contactId);
    return federation.query(REFRESH, { r: refreshToken }, { headers: c.headers });
  },
};

const cases = Object.entries(EXPECTED).flatMap(([path, byCondition]) =>
  Object.entries(byCondition).map(([condition, code]) => [path, condition, code] as const),
);

it.each(cases)('%s, %s: %s', async (path, conditionName, code) => {
  const condition = CONDITIONS.find((c) => c.name === conditionName)!;
  const answer = await PATHS[path](condition);
  const session = Object.values(answer.data ?? {})[0] as { accessToken?: string | null } | null | undefined;
  if (code === 'SESSION') {
    expect(answer.errors).toBeUndefined();
    expect(session).toMatchObject({ accessToken: expect.any(String), refreshToken: expect.any(String) });
    return;
  }
  expect(session?.accessToken ?? null).toBeNull();
  if (code === 'ENROLMENT') expect(answer.data?.login?.secondFactorEnrolmentRequired).toBe(true);
  else if (code === 'REQUEST_TOKEN')
    expect((session as { internetAccessRequestToken?: string }).internetAccessRequestToken).toEqual(expect.any(String));
  else expect(codeOf(answer)).toBe(code);
});

it('each path gives a session when no condition refuses it (the matrix is not refusing everything)', async () => {
  const none: Condition = { name: 'none', apply: async () => undefined };
  for (const path of Object.keys(PATHS)) {
    const answer = await PATHS[path](none);
    expect(Object.values(ok(answer))[0]).toMatchObject({ accessToken: expect.any(String) });
  }
});

describe('membership removed', () => {
  const remove = async (p: Person) =>
    void (await credentialDb().query('DELETE FROM self_service_account WHERE contactId = ?', [p.other!.contactId]));

  it('choose and switch: NOT_FOUND; refresh of a session in it: NOT_FOUND, and the session ends', async () => {
    const p = await person({ secondOrganization: true });
    const { choiceToken } = ok(await login(p)).login;
    const first = ok(await federation.query(CHOOSE, { t: choiceToken, o: p.other!.organizationId })).chooseOrganization;
    const again = ok(await login(p)).login.choiceToken;
    const home = ok(
      await federation.query(CHOOSE, { t: ok(await login(p)).login.choiceToken, o: p.organizationId }),
    ).chooseOrganization;
    await remove(p);
    expect(codeOf(await federation.query(CHOOSE, { t: again, o: p.other!.organizationId }))).toBe('NOT_FOUND');
    expect(codeOf(await federation.query(SWITCH, { o: p.other!.organizationId }, { token: home.accessToken }))).toBe(
      'NOT_FOUND',
    );
    expect(codeOf(await federation.query(REFRESH, { r: first.refreshToken }))).toBe('NOT_FOUND');
    // Ended with the refusal: the token is spent, not left for a later try.
    expect(codeOf(await federation.query(REFRESH, { r: first.refreshToken }))).toBe('UNAUTHENTICATED');
  });
});

describe('membership removed, at the proof paths', () => {
  const remove = async (p: Person) =>
    void (await credentialDb().query('DELETE FROM self_service_account WHERE contactId = ?', [p.other!.contactId]));
  /** The organization an access token acts for (its `org` claim). */
  const organizationOf = (accessToken: string) =>
    (JSON.parse(Buffer.from(accessToken.split('.')[1], 'base64url').toString()) as { org?: string }).org;

  it('password: the removed organization is not offered; the session is for the one left', async () => {
    const p = await person({ secondOrganization: true });
    await remove(p);
    const answer = ok(await login(p)).login;
    expect(answer).toMatchObject({ organizationChoiceRequired: false, choiceToken: null });
    expect(organizationOf(answer.accessToken)).toBe(p.organizationId);
  });

  it('second step: removed between the password and the code, the session is for the one left', async () => {
    // The authenticator first, while the one organization signs in without a choice; then the second.
    const p = await person();
    const { secret } = await withAuthenticator(p);
    p.other = await linkedMembership(p.essId, p.email);
    const challenge = ok(await login(p)).login.secondFactorChallenge;
    await remove(p);
    const session = ok(await federation.query(VERIFY, { c: challenge, code: codeAt(secret, 1) })).verifySecondFactor;
    expect(organizationOf(session.accessToken)).toBe(p.organizationId);
  });
});

describe('absolute lifetime', () => {
  const age = async (refreshToken: string, hours: number) => {
    const { createHash } = await import('node:crypto');
    const hash = createHash('sha256').update(refreshToken).digest('hex');
    await credentialDb().query('UPDATE refresh_token SET familyStartedAt = ? WHERE tokenHash = ?', [
      new Date(Date.now() - hours * 3600_000),
      hash,
    ]);
  };

  it('rotation never extends a family past 12 h from its password step: refresh and switch answer SESSION_EXPIRED', async () => {
    const p = await person({ secondOrganization: true });
    const { choiceToken } = ok(await login(p)).login;
    const session = ok(await federation.query(CHOOSE, { t: choiceToken, o: p.organizationId })).chooseOrganization;
    // Rotated within the lifetime: a new pair, the same family start.
    const rotated = ok(await federation.query(REFRESH, { r: session.refreshToken })).refreshToken;
    await age(rotated.refreshToken, 11);
    const later = ok(await federation.query(REFRESH, { r: rotated.refreshToken })).refreshToken;
    await age(later.refreshToken, 13);
    expect(codeOf(await federation.query(SWITCH, { o: p.other!.organizationId }, { token: later.accessToken }))).toBe(
      'SESSION_EXPIRED',
    );
    expect(codeOf(await federation.query(REFRESH, { r: later.refreshToken }))).toBe('SESSION_EXPIRED');
  });

  it('a password change hands back a session that ends when the one it came from would', async () => {
    const p = await person();
    const first = ok(await login(p)).login;
    await age(first.refreshToken, 11.5);
    const changed = ok(
      await federation.query(
        `mutation ($c: String!, $n: String!) { changePassword(currentPassword: $c, newPassword: $n) { ${SESSION} } }`,
        { c: PASSWORD, n: 'a changed passphrase for the gate' },
        { token: first.accessToken },
      ),
    ).changePassword;
    const { createHash } = await import('node:crypto');
    const [row] = await credentialDb().query('SELECT familyStartedAt FROM refresh_token WHERE tokenHash = ?', [
      createHash('sha256').update(changed.refreshToken).digest('hex'),
    ]);
    expect(Date.now() - new Date(row.familyStartedAt).getTime()).toBeGreaterThan(11 * 3600_000);
  });

  it("a refresh's tokens end when the family does, not a full lifetime later", async () => {
    const p = await person();
    const { refreshToken } = ok(await login(p)).login;
    await age(refreshToken, 11.9);
    const { createHash } = await import('node:crypto');
    const next = ok(await federation.query(REFRESH, { r: refreshToken })).refreshToken;
    const [row] = await credentialDb().query(
      'SELECT expiresAt, familyStartedAt FROM refresh_token WHERE tokenHash = ?',
      [createHash('sha256').update(next.refreshToken).digest('hex')],
    );
    const end = new Date(row.familyStartedAt).getTime() + 12 * 3600_000;
    expect(Math.abs(new Date(row.expiresAt).getTime() - end)).toBeLessThan(2_000);
  });
});

describe('a refresh during an outage', () => {
  it('keeps the session: the token is given back, and works once the contact subgraph is back', async () => {
    const p = await person();
    const { refreshToken } = ok(await login(p)).login;
    await federation.stopSubgraph('contact');
    try {
      const during = await federation.query(REFRESH, { r: refreshToken });
      expect(during.data?.refreshToken ?? null).toBeNull();
      expect(codeOf(during)).not.toBe('UNAUTHENTICATED');
    } finally {
      await federation.startSubgraph('contact');
    }
    expect(ok(await federation.query(REFRESH, { r: refreshToken })).refreshToken.accessToken).toEqual(
      expect.any(String),
    );
  });
});

describe('staff', () => {
  it('a locked staff login neither signs in nor refreshes', async () => {
    const s = await staffLogin(federation, `gate.staff.${unique()}@test.example`);
    const { refreshToken } = ok(await federation.query(LOGIN, { u: s.email, p: s.password })).login;
    await credentialDb().query('UPDATE staff_account SET lockedUntil = ? WHERE email = ?', [
      new Date(Date.now() + 15 * 60_000),
      s.email,
    ]);
    expect(codeOf(await federation.query(LOGIN, { u: s.email, p: s.password }))).toBe('UNAUTHENTICATED');
    expect(codeOf(await federation.query(REFRESH, { r: refreshToken }))).toBe('ACCOUNT_LOCKED');
  });
});

describe('the strictest organization decides', () => {
  it('a person of two organizations, only one of which requires a second factor, is sent to enrolment', async () => {
    const p = await person({ secondOrganization: true });
    await setOrganization('secondFactorRequired', 1)(p, p.other!.organizationId);
    const answer = ok(await login(p)).login;
    expect(answer).toMatchObject({ accessToken: null, secondFactorEnrolmentRequired: true, choiceToken: null });
  });
});

describe('staff in production', () => {
  let production: Federation;
  beforeAll(async () => {
    production = await startFederation('gateprod', { NODE_ENV: 'production' });
  });
  afterAll(() => production?.stop());

  it('a staff session whose second factor went since: refresh refused with SECOND_FACTOR_REQUIRED', async () => {
    const s = await staffLogin(production, `gate.prod.${unique()}@test.example`);
    // Production sends a staff login without a factor to enrolment; enrolled, it has a session.
    const { secondFactorEnrolmentChallenge } = ok(
      await production.query(
        'mutation ($u: String!, $p: String!) { login(userName: $u, password: $p) { secondFactorEnrolmentChallenge } }',
        { u: s.email, p: s.password },
      ),
    ).login;
    const started = ok(
      await production.query('mutation ($c: String) { startTotpEnrolment(enrolmentChallenge: $c) { secret } }', {
        c: secondFactorEnrolmentChallenge,
      }),
    ).startTotpEnrolment;
    const { signIn } = ok(
      await production.query(
        'mutation ($code: String!, $c: String) { confirmTotpEnrolment(code: $code, enrolmentChallenge: $c) { signIn { refreshToken } } }',
        { code: codeAt(started.secret), c: secondFactorEnrolmentChallenge },
      ),
    ).confirmTotpEnrolment;
    // The operators reset its second factors (npm run staff:unlock -- <email> --reset-second-factors): the session stays, its renewal does not.
    const db = production.subgraphs.credential.dataSource;
    expect(await resetStaffSecondFactors(db, secondFactors(db, loadCredentialConfig(SECOND_FACTOR_KEY)), s.email)).toBe(
      true,
    );
    expect(codeOf(await production.query(REFRESH, { r: signIn.refreshToken }))).toBe('SECOND_FACTOR_REQUIRED');
  });
});
