import { randomBytes } from 'node:crypto';
import { ContactType } from '@ecg/policy';
import { startFederation, type Federation, type GraphQLResponse } from './support/federation';
import { contactInput, createContact, createOrganization, giveLogin, signedInContact } from './support/people';
import { startSmtp } from './support/smtp';

// People the email cannot reach (DESIGN.md section 9): what the mail server and the person's use of
// mailed secrets teach about each primary email, through the gateway on MariaDB with a real SMTP
// server that refuses some recipients (550 for good, 451 for now).
jest.setTimeout(180_000);
let federation: Federation;
let smtp: Awaited<ReturnType<typeof startSmtp>>;
let staff: string;

beforeAll(async () => {
  smtp = await startSmtp();
  federation = await startFederation('reach', {
    SMTP_URL: smtp.url(),
    MAIL_POLL_MILLISECONDS: '100',
    MAIL_RETRY_MAX_SECONDS: '1',
  });
  staff = await federation.staffToken();
});
afterAll(async () => {
  await federation?.stop();
  await smtp?.stop();
});

const unique = () => randomBytes(4).toString('hex');
const ok = <T = any>(r: GraphQLResponse<T>): T => {
  if (r.errors) throw new Error(JSON.stringify(r.errors));
  return r.data!;
};
const asStaff = (query: string, variables?: Record<string, unknown>) =>
  federation.query(query, variables, { token: staff });
const REACHABILITY = `query ($id: ID!) { contact(id: $id) {
  emailReachability { status verifiedAt undeliverableAt serverResponse temporaryReviewBy } } }`;
const reachability = async (id: string, token = staff) =>
  ok(await federation.query(REACHABILITY, { id }, { token })).contact.emailReachability;
const REGISTER = 'mutation ($id: ID!) { register(contactId: $id) { status } }';
const LOGIN = 'mutation ($u: String!, $p: String!) { login(userName: $u, password: $p) { accessToken } }';
const temporaryPasswordIn = (text: string) => /Temporary password: (\S+)/.exec(text)![1];
const linkTokenIn = (text: string) => /token=([\w-]+)/.exec(text)![1];
const outboxOf = (recipient: string) =>
  federation.subgraphs.credential.dataSource.query(
    'SELECT attempts, sentAt, refusedAt, body, lastError FROM outbox WHERE recipient = ?',
    [recipient],
  );

/** An organization of the test's own and one of its contacts, with no login yet. */
async function contact(local: string, types = [ContactType.PAYROLL]) {
  const code = `R${unique()}`.slice(0, 8).toUpperCase();
  await createOrganization(federation, code, `Reach ${code}`);
  const email = `${local}.${unique()}@reach.example`;
  const id = await createContact(federation, code, contactInput('Rita', 'Reach', email, types));
  return { code, id, email };
}

/** Polls the panel until its status is `status` (the mail goes out in the background). */
async function until(id: string, status: string) {
  const deadline = Date.now() + 30_000;
  for (;;) {
    const now = await reachability(id);
    if (now?.status === status || Date.now() > deadline) return now;
    await new Promise((r) => setTimeout(r, 200));
  }
}

describe('what the mail server answers', () => {
  it('a recipient refused with 550 becomes UNDELIVERABLE with the date and the words, and is never retried', async () => {
    const person = await contact('bounces');
    smtp.refuse(person.email, 550, '5.1.1 No such mailbox here');
    expect(await reachability(person.id)).toMatchObject({ status: 'UNVERIFIED', undeliverableAt: null });
    const before = Date.now();
    expect((await asStaff(REGISTER, { id: person.id })).errors).toBeUndefined();

    const seen = await until(person.id, 'UNDELIVERABLE');
    expect(seen).toMatchObject({ status: 'UNDELIVERABLE', verifiedAt: null });
    expect(seen.serverResponse).toMatch(/550.*No such mailbox here/);
    expect(new Date(seen.undeliverableAt).getTime()).toBeGreaterThanOrEqual(before - 2000);

    // Refused for good: never offered again, and the temporary password is no longer kept in it.
    await new Promise((r) => setTimeout(r, 3000));
    expect(smtp.refused.filter((r) => r.to === person.email)).toHaveLength(1);
    const [row] = await outboxOf(person.email);
    expect(row).toMatchObject({ attempts: 1, sentAt: null, body: null });
    expect(row.refusedAt).not.toBeNull();
  });

  it('a recipient refused with 451 is retried and delivered, and stays UNVERIFIED', async () => {
    const person = await contact('greylisted');
    smtp.refuse(person.email, 451, '4.7.1 Greylisted, try again later', 1);
    expect((await asStaff(REGISTER, { id: person.id })).errors).toBeUndefined();
    const [mail] = await smtp.waitForSubject(person.email, /registration/, 30_000);
    expect(mail).toBeDefined();
    expect(smtp.refused.filter((r) => r.to === person.email)).toEqual([{ to: person.email, code: 451 }]);
    expect(await reachability(person.id)).toMatchObject({ status: 'UNVERIFIED', undeliverableAt: null });
    const [row] = await outboxOf(person.email);
    expect(row.sentAt).not.toBeNull();
    expect(row.refusedAt).toBeNull();
  });
});

describe('what the person does with a mailed secret', () => {
  it('signing in with the mailed temporary password marks the address VERIFIED with the date', async () => {
    const person = await contact('registered');
    ok(await asStaff(REGISTER, { id: person.id }));
    const [mail] = await smtp.waitForSubject(person.email, /registration/);
    // The mail leads somewhere: the sign-in page beside the temporary password.
    expect(mail.text).toMatch(/Sign in: http:\/\/\S+\/sign-in\b/);
    expect(await reachability(person.id)).toMatchObject({ status: 'UNVERIFIED' });
    const before = Date.now();
    ok(await federation.query(LOGIN, { u: person.email, p: temporaryPasswordIn(mail.text) }));
    const seen = await reachability(person.id);
    expect(seen.status).toBe('VERIFIED');
    expect(new Date(seen.verifiedAt).getTime()).toBeGreaterThanOrEqual(before - 2000);
  });

  it('a reset link marks the address VERIFIED; a wrong password does not', async () => {
    const person = await contact('resets');
    await giveLogin(federation, person.id, person.code, person.email);
    expect((await federation.query(LOGIN, { u: person.email, p: 'not the password' })).errors).toBeDefined();
    expect(await reachability(person.id)).toMatchObject({ status: 'UNVERIFIED' });
    ok(
      await federation.query('mutation ($u: String!) { requestPasswordReset(userName: $u) { message } }', {
        u: person.email,
      }),
    );
    const [mail] = await smtp.waitForSubject(person.email, /reset/i);
    ok(
      await federation.query('mutation ($t: String!, $n: String!) { resetPassword(token: $t, newPassword: $n) }', {
        t: linkTokenIn(mail.text),
        n: `a brand new passphrase ${unique()}`,
      }),
    );
    expect(await reachability(person.id)).toMatchObject({ status: 'VERIFIED' });
  });

  it('an unlock link marks the address VERIFIED', async () => {
    const person = await contact('unlocks');
    await giveLogin(federation, person.id, person.code, person.email);
    await federation.subgraphs.credential.dataSource.query(
      "UPDATE self_service_account SET status = 'LOCKED' WHERE contactId = ?",
      [person.id],
    );
    ok(await asStaff('mutation ($id: ID!) { unlock(contactId: $id) { status } }', { id: person.id }));
    const [mail] = await smtp.waitForSubject(person.email, /unlocking/);
    ok(await federation.query('mutation ($t: String!) { completeUnlock(token: $t) }', { t: linkTokenIn(mail.text) }));
    expect(await reachability(person.id)).toMatchObject({ status: 'VERIFIED' });
  });
});

describe("the organization's email domains", () => {
  const UPDATE = `mutation ($id: ID!, $v: Int!, $input: OrganizationInput!) {
    updateOrganization(id: $id, expectedVersion: $v, input: $input) { version internalOnlyEmailDomains approvedEmailDomains } }`;
  const organizationOf = async (code: string) =>
    ok(await asStaff('query ($c: String!) { organization(code: $c) { id version } }', { c: code })).organization;

  it('an address in an internal-only domain is INTERNAL_ONLY; bad domains are refused and change nothing', async () => {
    const person = await contact('inside');
    const organization = await organizationOf(person.code);
    const refused = await asStaff(UPDATE, {
      id: organization.id,
      v: organization.version,
      input: { internalOnlyEmailDomains: ['reach.example', 'not a domain'] },
    });
    expect(refused.errors?.[0].extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      invalidFields: [expect.objectContaining({ field: 'input.internalOnlyEmailDomains.1' })],
    });
    expect(await reachability(person.id)).toMatchObject({ status: 'UNVERIFIED' });

    const saved = ok(
      await asStaff(UPDATE, {
        id: organization.id,
        v: organization.version,
        input: {
          internalOnlyEmailDomains: ['@Reach.Example', 'intranet.example'],
          approvedEmailDomains: ['reach.example'],
        },
      }),
    ).updateOrganization;
    expect(saved).toMatchObject({
      internalOnlyEmailDomains: ['reach.example', 'intranet.example'],
      approvedEmailDomains: ['reach.example'],
    });
    expect(await reachability(person.id)).toMatchObject({ status: 'INTERNAL_ONLY' });
  });
});

describe('the health report', () => {
  const REPORT = `query ($c: String!) { organization(code: $c) { emailReachabilityReport {
    contact { id fullName } overdue problem action reachability { status temporaryReviewBy } } } }`;
  const CONTACT_FIELDS = 'query ($id: ID!) { contact(id: $id) { temporaryEmailReviewBy } }';

  it('lists what is wrong and what to do per contact, overdue temporary addresses first', async () => {
    const code = `H${unique()}`.slice(0, 8).toUpperCase();
    const organizationId = await createOrganization(federation, code, `Health ${code}`);
    const add = async (first: string, domain: string, temporaryEmailReviewBy?: string) => {
      const email = `${first.toLowerCase()}.${unique()}@${domain}`;
      const input = { ...contactInput(first, 'Health', email, [ContactType.PAYROLL]), temporaryEmailReviewBy };
      return { id: await createContact(federation, code, input), email };
    };
    const fine = await add('Fine', 'reach.example');
    const inside = await add('Inside', 'intranet.example');
    const later = await add('Later', 'reach.example', '2999-01-31');
    const overdue = await add('Overdue', 'reach.example', '2020-02-29');
    const bounced = await add('Bounced', 'reach.example');
    expect(ok(await asStaff(CONTACT_FIELDS, { id: overdue.id })).contact.temporaryEmailReviewBy).toBe('2020-02-29');
    const version = ok(await asStaff('query ($c: String!) { organization(code: $c) { version } }', { c: code }))
      .organization.version;
    ok(
      await asStaff(
        'mutation ($id: ID!, $v: Int!, $i: OrganizationInput!) { updateOrganization(id: $id, expectedVersion: $v, input: $i) { id } }',
        { id: organizationId, v: version, i: { internalOnlyEmailDomains: ['intranet.example'] } },
      ),
    );
    smtp.refuse(bounced.email, 550, '5.1.1 User unknown');
    ok(await asStaff(REGISTER, { id: bounced.id }));
    await until(bounced.id, 'UNDELIVERABLE');
    expect(await reachability(later.id)).toMatchObject({
      status: 'TEMPORARY',
      temporaryReviewBy: '2999-01-31T00:00:00.000Z',
    });

    const report = ok(await asStaff(REPORT, { c: code })).organization.emailReachabilityReport;
    expect(report.map((i: any) => [i.contact.id, i.reachability?.status, i.overdue])).toEqual([
      [overdue.id, 'TEMPORARY', true],
      [bounced.id, 'UNDELIVERABLE', false],
      [inside.id, 'INTERNAL_ONLY', false],
      [later.id, 'TEMPORARY', false],
    ]);
    expect(report.map((i: any) => i.contact.id)).not.toContain(fine.id);
    expect(report[0]).toMatchObject({
      contact: { fullName: expect.stringContaining('Overdue') },
      problem: expect.stringMatching(/2020-02-29 \(overdue\)/),
    });
    expect(report[1].problem).toMatch(/refused.*550.*User unknown/);
    expect(report[1].action).toMatch(/Correct the primary email address/);

    // Another organization's Administrator reads nothing of it.
    const other = await contact('stranger');
    const stranger = await signedInContact(
      federation,
      other.code,
      [ContactType.ADMINISTRATOR],
      `s.${unique()}@reach.example`,
    );
    const refused = await federation.query(REPORT, { c: code }, { token: stranger.token });
    expect(refused.data?.organization?.emailReachabilityReport ?? null).toBeNull();
  });

  it('refuses a review date that is not a day', async () => {
    const code = `D${unique()}`.slice(0, 8).toUpperCase();
    await createOrganization(federation, code);
    const email = `baddate.${unique()}@reach.example`;
    const input = {
      ...contactInput('Bad', 'Date', email, [ContactType.PAYROLL]),
      temporaryEmailReviewBy: '2026-02-30',
    };
    await expect(createContact(federation, code, input)).rejects.toThrow(/input.temporaryEmailReviewBy/);
  });
});

describe('who may see it', () => {
  it("an Administrator sees it for the organization's contacts, and nothing of another organization's", async () => {
    const person = await contact('scoped');
    const admin = await signedInContact(
      federation,
      person.code,
      [ContactType.ADMINISTRATOR],
      `adm.${unique()}@reach.example`,
    );
    expect(await reachability(person.id, admin.token)).toMatchObject({ status: 'UNVERIFIED' });
    const other = await contact('elsewhere');
    const stranger = await signedInContact(
      federation,
      other.code,
      [ContactType.ADMINISTRATOR],
      `str.${unique()}@reach.example`,
    );
    const answer = await federation.query(REACHABILITY, { id: person.id }, { token: stranger.token });
    expect(answer.data?.contact ?? null).toBeNull();
  });
});
