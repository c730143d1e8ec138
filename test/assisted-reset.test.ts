import { randomBytes, randomInt } from 'node:crypto';
import { ContactType } from '@ecg/policy';
import { startFederation, type Federation, type GraphQLResponse } from './support/federation';
import {
  contactInput,
  createContact,
  createOrganization,
  giveLogin,
  PASSWORD,
  signedInContact,
} from './support/people';
import { codeAt } from './support/second-factor';
import { startSmtp } from './support/smtp';

// People the email cannot reach (DESIGN.md section 9): an administrator checks a person's identity,
// records what was checked and reads them a one-time code; with it the person sets a new password
// and signs in. Through the gateway on MariaDB with a real SMTP server.
jest.setTimeout(240_000);
let federation: Federation;
let smtp: Awaited<ReturnType<typeof startSmtp>>;
let staff: string;

beforeAll(async () => {
  smtp = await startSmtp();
  federation = await startFederation('assisted', {
    SMTP_URL: smtp.url(),
    MAIL_POLL_MILLISECONDS: '100',
    LOGIN_LIMIT_PER_USER: '6',
  });
  staff = await federation.staffToken();
});
afterAll(async () => {
  await federation?.stop();
  await smtp?.stop();
});

const unique = () => randomBytes(4).toString('hex');
// Each test from its own internet address: the per-address sign-in budget is not shared between them.
const internetAddress = () => `203.0.113.${randomInt(1, 254)}`;
const ok = <T = any>(r: GraphQLResponse<T>): T => {
  if (r.errors) throw new Error(JSON.stringify(r.errors));
  return r.data!;
};
const codeOf = (r: GraphQLResponse) => r.errors?.[0]?.extensions?.code;
const NEW_PASSWORD = 'a fresh and private passphrase';

const START = `mutation ($id: ID!, $checks: [String!]!) {
  startAssistedReset(contactId: $id, identityChecks: $checks) { code expiresAt } }`;
const COMPLETE = `mutation ($u: String!, $c: String!, $n: String!) {
  completeAssistedReset(userName: $u, code: $c, newPassword: $n) {
    accessToken refreshToken passwordChangeRequired secondFactorRequired secondFactorChallenge } }`;
const LOGIN = 'mutation ($u: String!, $p: String!) { login(userName: $u, password: $p) { accessToken } }';
const CHANGE =
  'mutation ($c: String!, $n: String!) { changePassword(currentPassword: $c, newPassword: $n) { accessToken } }';
const EVENTS = `query ($id: ID!) { contact(id: $id) { selfService { status
  securityEvents(page: 1, pageSize: 50) { items { type actorKind actorId details } } } } }`;
const START_TOTP = 'mutation ($p: String) { startTotpEnrolment(currentPassword: $p) { secret } }';
const CONFIRM_TOTP = 'mutation ($code: String!) { confirmTotpEnrolment(code: $code) { codes } }';
const CHECKS = ['date of birth', 'employee number 4471', 'called back on the number HR holds'];

async function organization() {
  const code = `A${unique()}`.slice(0, 8).toUpperCase();
  await createOrganization(federation, code, `Assisted ${code}`);
  const person = (types: ContactType[] = [ContactType.PAYROLL]) =>
    signedInContact(federation, code, types, `${types[0].toLowerCase()}.${unique()}@assisted.example`);
  return { code, admin: await person([ContactType.ADMINISTRATOR]), person };
}

const start = (id: string, token: string, checks = CHECKS) => federation.query(START, { id, checks }, { token });
const complete = (u: string, c: string, n = NEW_PASSWORD, address = internetAddress()) =>
  federation.query(COMPLETE, { u, c, n }, { headers: { 'x-forwarded-for': address } });
const statusOf = async (id: string) =>
  (
    await federation.subgraphs.credential.dataSource.query(
      'SELECT status, unsuccessfulAttemptsSinceLastSuccess AS since FROM self_service_account WHERE contactId = ?',
      [id],
    )
  )[0];

describe('startAssistedReset', () => {
  it('gives a code grouped for reading aloud, living 15 minutes, stored only as its hash', async () => {
    const org = await organization();
    const person = await org.person();
    const before = Date.now();
    const issued = ok(await start(person.id, org.admin.token)).startAssistedReset;
    expect(issued.code).toMatch(/^[A-HJKMNP-Z2-9]{4}-[A-HJKMNP-Z2-9]{4}-[A-HJKMNP-Z2-9]{4}$/);
    const lifetime = new Date(issued.expiresAt).getTime() - before;
    expect(lifetime).toBeGreaterThan(14 * 60_000);
    expect(lifetime).toBeLessThanOrEqual(15 * 60_000 + 5_000);
    const rows = await federation.subgraphs.credential.dataSource.query(
      "SELECT tokenHash FROM account_token WHERE purpose = 'ASSISTED' AND tokenHash LIKE ?",
      [`%${issued.code}%`],
    );
    expect(rows).toHaveLength(0);
  });

  it('needs at least one identity fact: BAD_USER_INPUT naming identityChecks, and nothing is issued', async () => {
    const org = await organization();
    const person = await org.person();
    for (const checks of [[], ['   ', '']]) {
      const refused = await start(person.id, org.admin.token, checks);
      expect(codeOf(refused)).toBe('BAD_USER_INPUT');
      expect(refused.errors![0].extensions!.invalidFields).toEqual([
        expect.objectContaining({ field: 'identityChecks' }),
      ]);
    }
  });

  it("another organization's administrator is refused, and a contact with no login answers NOT_REGISTERED (to staff)", async () => {
    const org = await organization();
    const other = await organization();
    const person = await org.person();
    expect(codeOf(await start(person.id, other.admin.token))).toBe('FORBIDDEN');
    const payroll = await org.person([ContactType.PAYROLL]);
    expect(codeOf(await start(person.id, payroll.token))).toBe('FORBIDDEN');
    const unregistered = await createContact(
      federation,
      org.code,
      contactInput('No', 'Login', `nologin.${unique()}@assisted.example`, [ContactType.PAYROLL]),
    );
    // As for Re-Enroll, the rule finds the organization through the login: staff learn why.
    expect(codeOf(await start(unregistered, staff))).toBe('NOT_REGISTERED');
  });
});

describe('completeAssistedReset', () => {
  it('end to end: the code sets the password and signs in; it works once; the audit names who checked what; the person is mailed', async () => {
    const org = await organization();
    const person = await org.person();
    const { code } = ok(await start(person.id, org.admin.token)).startAssistedReset;
    // Read aloud, typed as heard: case, spaces and dashes do not matter.
    const typed = code.toLowerCase().replace(/-/g, ' ');
    const session = ok(await complete(person.email, typed)).completeAssistedReset;
    expect(session.accessToken).toEqual(expect.any(String));
    expect(session.secondFactorRequired).toBe(false);
    expect(
      ok(await federation.query('{ me { contact { id } } }', {}, { token: session.accessToken })).me.contact.id,
    ).toBe(person.id);
    // The old password is gone, the new one works.
    expect(codeOf(await federation.query(LOGIN, { u: person.email, p: PASSWORD }))).toBe('UNAUTHENTICATED');
    expect(ok(await federation.query(LOGIN, { u: person.email, p: NEW_PASSWORD })).login.accessToken).toBeTruthy();
    // Once only.
    expect(codeOf(await complete(person.email, code, 'yet another private passphrase'))).toBe('UNAUTHENTICATED');

    const events = ok(await federation.query(EVENTS, { id: person.id }, { token: org.admin.token })).contact.selfService
      .securityEvents.items;
    const started = events.find((e: any) => e.type === 'ASSISTED_RESET_STARTED');
    expect(started).toMatchObject({ actorKind: 'CONTACT', actorId: org.admin.id });
    for (const check of CHECKS) expect(started.details).toContain(check);
    const done = events.find((e: any) => e.type === 'ASSISTED_RESET');
    expect(done.details).toContain(org.admin.id);
    expect(done.details).toContain(CHECKS[0]);

    const [mail] = await smtp.waitForSubject(person.email, /administrator's help/);
    expect(mail.subject).toMatch(/reset with an administrator's help/);
    expect(mail.text).toContain('/self-service/forgot-password');
    expect(mail.text).toContain('If this was not you');
    expect(mail.text).not.toContain(code);
  });

  it('a newer code spends the older one; a password change spends a code', async () => {
    const org = await organization();
    const person = await org.person();
    const first = ok(await start(person.id, org.admin.token)).startAssistedReset.code;
    const second = ok(await start(person.id, org.admin.token)).startAssistedReset.code;
    expect(codeOf(await complete(person.email, first))).toBe('UNAUTHENTICATED');
    const third = ok(await start(person.id, org.admin.token)).startAssistedReset.code;
    expect(third).not.toBe(second);
    ok(await federation.query(CHANGE, { c: PASSWORD, n: 'my own new passphrase here' }, { token: person.token }));
    expect(codeOf(await complete(person.email, third))).toBe('UNAUTHENTICATED');
  });

  it('an expired code does not work', async () => {
    const org = await organization();
    const person = await org.person();
    const { code } = ok(await start(person.id, org.admin.token)).startAssistedReset;
    // The clock moves on 15 minutes for this code.
    await federation.subgraphs.credential.dataSource.query(
      "UPDATE account_token SET expiresAt = ? WHERE purpose = 'ASSISTED' AND essId = (SELECT essId FROM self_service_account WHERE contactId = ?)",
      [new Date(Date.now() - 1000), person.id],
    );
    expect(codeOf(await complete(person.email, code))).toBe('UNAUTHENTICATED');
  });

  it('the password policy applies, and a refused password leaves the code usable', async () => {
    const org = await organization();
    const person = await org.person();
    const { code } = ok(await start(person.id, org.admin.token)).startAssistedReset;
    expect(codeOf(await complete(person.email, code, 'short'))).toBe('BAD_USER_INPUT');
    expect(ok(await complete(person.email, code)).completeAssistedReset.accessToken).toBeTruthy();
  });

  it('wrong codes count toward the lockout, answer like an unknown user name, and the lock spends the code', async () => {
    const org = await organization();
    const person = await org.person();
    const { code } = ok(await start(person.id, org.admin.token)).startAssistedReset;
    const address = internetAddress();
    const unknown = await complete(`nobody.${unique()}@assisted.example`, code, NEW_PASSWORD, address);
    const wrong = await complete(person.email, 'AAAA-BBBB-CCCC', NEW_PASSWORD, address);
    expect(wrong.errors?.[0]).toEqual(unknown.errors?.[0]);
    expect(codeOf(wrong)).toBe('UNAUTHENTICATED');
    expect((await statusOf(person.id)).since).toBe(1);
    await complete(person.email, 'AAAA-BBBB-CCCD', NEW_PASSWORD, address);
    await complete(person.email, 'AAAA-BBBB-CCCE', NEW_PASSWORD, address);
    expect(await statusOf(person.id)).toMatchObject({ status: 'LOCKED', since: 3 });
    // The lock ended the code being guessed at.
    expect(codeOf(await complete(person.email, code))).toBe('UNAUTHENTICATED');
    const failure = ok(
      await federation.query(
        'query ($id: ID!) { contact(id: $id) { selfService { lastAuthenticationFailure } } }',
        { id: person.id },
        { token: org.admin.token },
      ),
    ).contact.selfService.lastAuthenticationFailure;
    expect(failure).toBe('ASSISTED_RESET_CODE');

    // A locked login: a new code lets the person in and opens it.
    const fresh = ok(await start(person.id, org.admin.token)).startAssistedReset.code;
    expect(ok(await complete(person.email, fresh)).completeAssistedReset.accessToken).toBeTruthy();
    expect(await statusOf(person.id)).toMatchObject({ status: 'REGISTERED', since: 0 });
  });

  it('is rate-limited like a sign-in, per user name', async () => {
    const name = `limited.${unique()}@assisted.example`;
    const answers = [];
    for (let i = 0; i < 8; i++) answers.push(codeOf(await complete(name, `AAAA-BBBB-CC${i}A`)));
    expect(answers.slice(0, 6).every((c) => c === 'UNAUTHENTICATED')).toBe(true);
    expect(answers.slice(6)).toEqual(['RATE_LIMITED', 'RATE_LIMITED']);
  });

  it('one code guess per request: aliases cannot multiply them', async () => {
    const answer = await federation.query(
      `mutation { a: completeAssistedReset(userName: "x@assisted.example", code: "AAAA-BBBB-CCCC", newPassword: "${NEW_PASSWORD}") { accessToken }
        b: completeAssistedReset(userName: "x@assisted.example", code: "AAAA-BBBB-CCCD", newPassword: "${NEW_PASSWORD}") { accessToken } }`,
    );
    expect(codeOf(answer)).toMatch(/^(GRAPHQL_VALIDATION_FAILED|BAD_USER_INPUT)$/);
    expect(answer.errors![0].message).toMatch(/At most one of .*completeAssistedReset/);
    expect(answer.data ?? null).toBeNull();
  });

  it('a login with a second factor: the second step is still asked, and the reset-only role is refused', async () => {
    const org = await organization();
    const resetOnly = await org.person([ContactType.PASSWORD_RESET_ONLY]);
    const strong = await org.person();
    const secret = ok(await federation.query(START_TOTP, { p: PASSWORD }, { token: strong.token })).startTotpEnrolment
      .secret;
    ok(await federation.query(CONFIRM_TOTP, { code: codeAt(secret) }, { token: strong.token }));

    expect(codeOf(await start(strong.id, resetOnly.token))).toBe('STRONGER_CREDENTIAL');
    const { code } = ok(await start(strong.id, org.admin.token)).startAssistedReset;
    const answer = ok(await complete(strong.email, code)).completeAssistedReset;
    expect(answer).toMatchObject({ accessToken: null, secondFactorRequired: true });
    expect(answer.secondFactorChallenge).toEqual(expect.any(String));
    const second = ok(
      await federation.query(
        'mutation ($c: String!, $code: String) { verifySecondFactor(challenge: $c, code: $code) { accessToken } }',
        { c: answer.secondFactorChallenge, code: codeAt(secret, 1) },
      ),
    );
    expect(second.verifySecondFactor.accessToken).toBeTruthy();
  });

  it('the reset-only role may assist a login that never had a second factor', async () => {
    const org = await organization();
    const resetOnly = await org.person([ContactType.PASSWORD_RESET_ONLY]);
    const person = await org.person();
    const { code } = ok(await start(person.id, resetOnly.token)).startAssistedReset;
    expect(ok(await complete(person.email, code)).completeAssistedReset.accessToken).toBeTruthy();
  });
});

describe('registerMany', () => {
  const REGISTER_MANY = `mutation ($ids: [ID!]!) { registerMany(contactIds: $ids) {
    contactId outcome message account { status } } }`;

  it('registers a mix of contacts of one organization, one outcome each', async () => {
    const org = await organization();
    const other = await organization();
    const email = () => `batch.${unique()}@assisted.example`;
    const fresh = await createContact(federation, org.code, contactInput('New', 'One', email(), [ContactType.PAYROLL]));
    // The address already has a login in another organization: linked, no new password.
    const sharedEmail = email();
    const elsewhere = await createContact(
      federation,
      other.code,
      contactInput('Shared', 'Person', sharedEmail, [ContactType.PAYROLL]),
    );
    await giveLogin(federation, elsewhere, other.code, sharedEmail);
    const linked = await createContact(
      federation,
      org.code,
      contactInput('Shared', 'Person', sharedEmail, [ContactType.BENEFIT]),
    );
    const already = (await org.person()).id;
    const noEmail = await createContact(
      federation,
      org.code,
      contactInput('No', 'Email', email(), [ContactType.PAYROLL]),
    );
    await federation.subgraphs.contact.dataSource.query('UPDATE contact SET primaryEmail = NULL WHERE id = ?', [
      noEmail,
    ]);

    const outcomes = ok(
      await federation.query(REGISTER_MANY, { ids: [fresh, linked, already, noEmail] }, { token: org.admin.token }),
    ).registerMany;
    expect(outcomes.map((o: any) => [o.contactId, o.outcome])).toEqual([
      [fresh, 'REGISTERED'],
      [linked, 'LINKED'],
      [already, 'ALREADY_REGISTERED'],
      [noEmail, 'NO_EMAIL'],
    ]);
    expect(outcomes[0].account.status).toBe('REGISTRATION_PENDING');
    expect(outcomes[2]).toMatchObject({ account: null, message: expect.stringContaining('already registered') });
    const [mail] = await smtp.waitFor(
      (await federation.subgraphs.contact.dataSource.query('SELECT primaryEmail FROM contact WHERE id = ?', [fresh]))[0]
        .primaryEmail,
      1,
      15_000,
    );
    expect(mail.text).toMatch(/Temporary password: \S+/);
    expect(mail.text).toContain('/sign-in');
  });

  it('contacts of several organizations, or more than 100: BAD_USER_INPUT on contactIds; only another organization: FORBIDDEN', async () => {
    const org = await organization();
    const other = await organization();
    const mine = await createContact(
      federation,
      org.code,
      contactInput('Mine', 'One', `mine.${unique()}@assisted.example`, [ContactType.PAYROLL]),
    );
    const theirs = await createContact(
      federation,
      other.code,
      contactInput('Theirs', 'One', `theirs.${unique()}@assisted.example`, [ContactType.PAYROLL]),
    );
    const mixed = await federation.query(REGISTER_MANY, { ids: [mine, theirs] }, { token: org.admin.token });
    expect(codeOf(mixed)).toBe('BAD_USER_INPUT');
    expect(mixed.errors![0].extensions!.invalidFields).toEqual([expect.objectContaining({ field: 'contactIds' })]);
    const asStaff = await federation.query(REGISTER_MANY, { ids: [mine, theirs] }, { token: staff });
    expect(codeOf(asStaff)).toBe('BAD_USER_INPUT');
    expect(codeOf(await federation.query(REGISTER_MANY, { ids: [theirs] }, { token: org.admin.token }))).toBe(
      'FORBIDDEN',
    );
    const many = Array.from({ length: 101 }, (_, i) => `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`);
    const tooMany = await federation.query(REGISTER_MANY, { ids: [mine, ...many] }, { token: org.admin.token });
    expect(codeOf(tooMany)).toBe('BAD_USER_INPUT');
    expect(tooMany.errors![0].extensions!.invalidFields).toEqual([expect.objectContaining({ field: 'contactIds' })]);
    // Nothing was registered.
    const rows = await federation.subgraphs.credential.dataSource.query(
      'SELECT 1 FROM self_service_account WHERE contactId IN (?, ?)',
      [mine, theirs],
    );
    expect(rows).toHaveLength(0);
  });
});

describe('approved email domains', () => {
  it('an address outside them is saved with a warning; inside them, none', async () => {
    const org = await organization();
    await federation.subgraphs.organization.dataSource.query(
      'UPDATE organization SET approvedEmailDomains = ? WHERE code = ?',
      ['trust.example,assisted.example', org.code],
    );
    const CREATE = 'mutation ($input: CreateContactInput!) { createContact(input: $input) { id emailWarnings } }';
    const organizationId = (
      await federation.subgraphs.organization.dataSource.query('SELECT id FROM organization WHERE code = ?', [org.code])
    )[0].id;
    const outside = ok(
      await federation.query(
        CREATE,
        {
          input: {
            ...contactInput('Out', 'Side', `out.${unique()}@gmail.example`, [ContactType.PAYROLL]),
            organizationId,
          },
        },
        { token: org.admin.token },
      ),
    ).createContact;
    expect(outside.emailWarnings).toEqual([expect.stringContaining('approved email domains')]);
    const inside = ok(
      await federation.query(
        CREATE,
        {
          input: {
            ...contactInput('In', 'Side', `in.${unique()}@trust.example`, [ContactType.PAYROLL]),
            organizationId,
          },
        },
        { token: org.admin.token },
      ),
    ).createContact;
    expect(inside.emailWarnings).toEqual([]);
  });
});
