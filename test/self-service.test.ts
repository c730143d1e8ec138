import { ContactType } from '@ecg/policy';
import { startFederation, type Federation } from './support/federation';
import { createContact, contactInput, signedInContact } from './support/people';
import { startSmtp } from './support/smtp';

// The Self Service Details panel and its buttons, with a real SMTP server, on MariaDB.
let federation: Federation;
let smtp: Awaited<ReturnType<typeof startSmtp>>;
let staff: string;
const INTERNET = { 'x-forwarded-for': '203.0.113.7' };
const INTERNAL = { 'x-forwarded-for': '10.20.30.40' };

beforeAll(async () => {
  smtp = await startSmtp();
  federation = await startFederation('selfsvc', {
    SMTP_URL: smtp.url(),
    MAIL_POLL_MILLISECONDS: '100',
    MAIL_RETRY_MAX_SECONDS: '1',
    INTERNAL_NETWORKS: '10.0.0.0/8',
  });
  staff = await federation.staffToken();
});
afterAll(async () => {
  await federation?.stop();
  await smtp?.stop();
});

const asStaff = (query: string, variables?: Record<string, unknown>) =>
  federation.query(query, variables, { token: staff });
const PANEL = `status essId userName enrollmentCompleted temporaryPasswordSet temporaryPasswordExpiresAt passwordExpired reenrolled
  successfulLoginAttempts totalUnsuccessfulAttempts unsuccessfulAttemptsSinceLastSuccess lastAuthenticationFailure availableActions`;
const REGISTER = `mutation ($id: ID!) { register(contactId: $id) { ${PANEL} } }`;
const RE_ENROLL = `mutation ($id: ID!) { reEnroll(contactId: $id) { ${PANEL} } }`;
const UNLOCK = `mutation ($id: ID!) { unlock(contactId: $id) { ${PANEL} } }`;
const LOGIN =
  'mutation ($u: String!, $p: String!) { login(userName: $u, password: $p) { accessToken refreshToken passwordChangeRequired } }';
const CHANGE =
  'mutation ($c: String!, $n: String!) { changePassword(currentPassword: $c, newPassword: $n) { accessToken passwordChangeRequired } }';
const panel = async (id: string) =>
  (await asStaff(`query ($id: ID!) { contact(id: $id) { selfServiceActions selfService { ${PANEL} } } }`, { id })).data
    .contact;

const temporaryPasswordIn = (text: string) => /Temporary password: (\S+)/.exec(text)![1];
const linkTokenIn = (text: string) => /token=([\w-]+)/.exec(text)![1];
const login = (u: string, p: string, headers = INTERNET) => federation.query(LOGIN, { u, p }, { headers });

/** A new contact of 42061, registered, enrollment completed with `password`. */
async function enrolled(email: string, password = 'a long and private passphrase') {
  const id = await createContact(federation, '42061', contactInput('Self', 'Service', email, [ContactType.READ_ONLY]));
  expect((await asStaff(REGISTER, { id })).errors).toBeUndefined();
  const [mail] = await smtp.waitFor(email);
  const first = await login(email, temporaryPasswordIn(mail.text));
  await federation.query(
    CHANGE,
    { c: temporaryPasswordIn(mail.text), n: password },
    { token: first.data.login.accessToken },
  );
  return { id, email, password };
}

describe('register', () => {
  it('mails a temporary password; first sign-in may only change it; the change completes enrollment', async () => {
    const email = 'new.person@county.xorg';
    const id = await createContact(federation, '42061', contactInput('New', 'Person', email, [ContactType.PAYROLL]));
    expect((await panel(id)).selfServiceActions).toEqual(['REGISTER']);
    const registered = await asStaff(REGISTER, { id });
    expect(registered.errors).toBeUndefined();
    expect(registered.data.register).toMatchObject({
      status: 'REGISTRATION_PENDING',
      userName: email,
      enrollmentCompleted: false,
      temporaryPasswordSet: true,
      availableActions: ['RE_ENROLL'],
    });
    expect(new Date(registered.data.register.temporaryPasswordExpiresAt).getTime() - Date.now()).toBeGreaterThan(
      23.9 * 3600_000,
    );

    const [mail] = await smtp.waitFor(email);
    expect(mail.subject).toBe('42061-COUNTY OFFICE OF EDUCATION: your Secure Employer Website registration');
    const temporary = temporaryPasswordIn(mail.text);
    const first = await login(email, temporary);
    expect(first.data.login.passwordChangeRequired).toBe(true);
    const blocked = await federation.query(
      '{ organization(code: "42061") { contacts { totalCount } } }',
      {},
      { token: first.data.login.accessToken },
    );
    expect(blocked.errors?.[0].extensions?.code).toBe('FORBIDDEN');

    const changed = await federation.query(
      CHANGE,
      { c: temporary, n: 'my own long passphrase' },
      { token: first.data.login.accessToken },
    );
    expect(changed.data.changePassword.passwordChangeRequired).toBe(false);
    expect((await panel(id)).selfService).toMatchObject({
      status: 'REGISTERED',
      enrollmentCompleted: true,
      temporaryPasswordSet: false,
      passwordExpired: false,
    });
    expect((await login(email, 'my own long passphrase')).data.login.passwordChangeRequired).toBe(false);
    expect((await login(email, temporary)).errors?.[0].message).toBe('Invalid user name or password.');
  });

  it('answers ALREADY_REGISTERED the second time, and NO_EMAIL for a contact without one', async () => {
    const { id } = await enrolled('twice@county.xorg');
    expect((await asStaff(REGISTER, { id })).errors?.[0].extensions?.code).toBe('ALREADY_REGISTERED');
    const { data } = await asStaff('{ organization(code: "42061") { contactsMissingEmail { items { id } } } }');
    expect(
      (await asStaff(REGISTER, { id: data.organization.contactsMissingEmail.items[0].id })).errors?.[0].extensions
        ?.code,
    ).toBe('NO_EMAIL');
  });

  it('answers NOT_REGISTERED to Re-Enroll and Unlock without a login, and CONTACT_INACTIVE to Register on an inactive contact', async () => {
    const email = 'no.login@county.xorg';
    const id = await createContact(federation, '42061', contactInput('No', 'Login', email, [ContactType.PAYROLL]));
    expect((await asStaff(RE_ENROLL, { id })).errors?.[0].extensions?.code).toBe('NOT_REGISTERED');
    expect((await asStaff(UNLOCK, { id })).errors?.[0].extensions?.code).toBe('NOT_REGISTERED');
    const inactive = await createContact(federation, '42061', {
      ...contactInput('Not', 'Active', 'not.active@county.xorg', [ContactType.PAYROLL]),
      status: 'INACTIVE',
    });
    expect((await asStaff(REGISTER, { id: inactive })).errors?.[0].extensions?.code).toBe('CONTACT_INACTIVE');
  });

  it('refuses an expired temporary password, telling the user to ask for a re-enrollment', async () => {
    const id = await createContact(
      federation,
      '42061',
      contactInput('Late', 'Comer', 'late@county.xorg', [ContactType.READ_ONLY]),
    );
    await asStaff(REGISTER, { id });
    const [mail] = await smtp.waitFor('late@county.xorg');
    await federation.subgraphs.credential.dataSource.query(
      'UPDATE self_service_account SET temporaryPasswordExpiresAt = ? WHERE contactId = ?',
      [new Date(Date.now() - 1000), id],
    );
    const { errors } = await login('late@county.xorg', temporaryPasswordIn(mail.text));
    expect(errors?.[0]).toMatchObject({ extensions: { code: 'TEMPORARY_PASSWORD_EXPIRED' } });
    expect(errors?.[0].message).toMatch(/re-enroll/);
  });
});

describe('re-enroll', () => {
  it('sends a new temporary password; the old password stops working; sessions end', async () => {
    const person = await enrolled('forgetful@county.xorg');
    const before = await login(person.email, person.password);
    const result = await asStaff(RE_ENROLL, { id: person.id });
    expect(result.data.reEnroll).toMatchObject({
      status: 'REGISTRATION_PENDING',
      reenrolled: true,
      enrollmentCompleted: false,
    });
    expect((await login(person.email, person.password)).errors?.[0].message).toBe('Invalid user name or password.');
    const mails = await smtp.waitFor(person.email, 2);
    expect(mails[1].subject).toMatch(/re-enrolled/);
    expect((await login(person.email, temporaryPasswordIn(mails[1].text))).data.login.passwordChangeRequired).toBe(
      true,
    );
    const renewed = await federation.query(
      'mutation ($r: String!) { refreshToken(refreshToken: $r) { accessToken } }',
      { r: before.data.login.refreshToken },
    );
    expect(renewed.errors?.[0].extensions?.code).toBe('UNAUTHENTICATED');
  });
});

describe('lockout and unlock', () => {
  it('locks after 3 failures from the internet, mails once, and the unlock link opens it again', async () => {
    const person = await enrolled('locked.out@county.xorg');
    for (let i = 0; i < 3; i++) await login(person.email, `wrong guess ${i}`);
    expect((await panel(person.id)).selfService).toMatchObject({
      status: 'LOCKED',
      totalUnsuccessfulAttempts: 3,
      unsuccessfulAttemptsSinceLastSuccess: 3,
      lastAuthenticationFailure: 'PASSWORD',
      availableActions: ['UNLOCK', 'RE_ENROLL'],
    });
    expect((await login(person.email, person.password)).errors?.[0].message).toBe('Invalid user name or password.');
    const lockMails = (await smtp.waitFor(person.email, 2)).filter((m) => /is locked/.test(m.subject));
    expect(lockMails).toHaveLength(1);
    expect(lockMails[0].text).toMatch(/reset your password/);

    expect((await asStaff(UNLOCK, { id: person.id })).errors).toBeUndefined();
    const unlockMail = (await smtp.waitFor(person.email, 3)).find((m) => /finish unlocking/.test(m.subject))!;
    const token = linkTokenIn(unlockMail.text);
    expect(
      (await federation.query('mutation ($t: String!) { completeUnlock(token: $t) }', { t: token })).data
        .completeUnlock,
    ).toBe(true);
    expect(
      (await federation.query('mutation ($t: String!) { completeUnlock(token: $t) }', { t: token })).errors?.[0]
        .extensions?.code,
    ).toBe('INVALID_TOKEN');
    expect((await login(person.email, person.password)).errors).toBeUndefined();
    expect((await panel(person.id)).selfService).toMatchObject({
      status: 'REGISTERED',
      totalUnsuccessfulAttempts: 3,
      unsuccessfulAttemptsSinceLastSuccess: 0,
      successfulLoginAttempts: 2,
    });
    expect((await smtp.waitFor(person.email, 4, 1500)).filter((m) => /is locked/.test(m.subject))).toHaveLength(1);
  });

  it('allows 4 failures from the internal network and locks at the 5th', async () => {
    const person = await enrolled('inside@county.xorg');
    for (let i = 0; i < 4; i++) await login(person.email, `wrong guess ${i}`, INTERNAL);
    expect((await panel(person.id)).selfService.status).toBe('REGISTERED');
    await login(person.email, 'wrong guess 5', INTERNAL);
    expect((await panel(person.id)).selfService).toMatchObject({
      status: 'LOCKED',
      unsuccessfulAttemptsSinceLastSuccess: 5,
    });
  });

  it('counts 30 concurrent failures exactly, and mails the lockout once', async () => {
    const person = await enrolled('stormed@county.xorg');
    await Promise.all(Array.from({ length: 30 }, (_, i) => login(person.email, `concurrent guess ${i}`)));
    expect((await panel(person.id)).selfService).toMatchObject({ status: 'LOCKED', totalUnsuccessfulAttempts: 30 });
    await new Promise((r) => setTimeout(r, 1000));
    expect((await smtp.waitFor(person.email, 2)).filter((m) => /is locked/.test(m.subject))).toHaveLength(1);
  });

  it('answers NOT_LOCKED for a login that is not locked', async () => {
    const person = await enrolled('fine@county.xorg');
    expect((await asStaff(UNLOCK, { id: person.id })).errors?.[0].extensions?.code).toBe('NOT_LOCKED');
  });
});

describe('password reset', () => {
  const REQUEST = 'mutation ($u: String!) { requestPasswordReset(userName: $u) { message } }';

  it('answers an unknown and a known user identically; the link sets the password and unlocks', async () => {
    const person = await enrolled('resetter@county.xorg');
    for (let i = 0; i < 3; i++) await login(person.email, `wrong guess ${i}`);
    const unknown = await federation.query(REQUEST, { u: 'nobody.at.all@county.xorg' });
    const known = await federation.query(REQUEST, { u: person.email });
    expect(JSON.stringify(known)).toBe(JSON.stringify(unknown));
    const resetMail = (await smtp.waitFor(person.email, 3)).find((m) =>
      /reset your self-service password/.test(m.subject),
    )!;
    const token = linkTokenIn(resetMail.text);
    const weak = await federation.query(
      'mutation ($t: String!, $n: String!) { resetPassword(token: $t, newPassword: $n) }',
      { t: token, n: 'password1234' },
    );
    expect(weak.errors?.[0].extensions?.invalidFields).toEqual([{ field: 'newPassword', message: 'is too common' }]);
    const reused = await federation.query(
      'mutation ($t: String!, $n: String!) { resetPassword(token: $t, newPassword: $n) }',
      { t: token, n: person.password },
    );
    expect(reused.errors?.[0].extensions?.invalidFields[0].message).toMatch(/last 5/);
    const done = await federation.query(
      'mutation ($t: String!, $n: String!) { resetPassword(token: $t, newPassword: $n) }',
      { t: token, n: 'a brand new passphrase' },
    );
    expect(done.data.resetPassword).toBe(true);
    expect((await panel(person.id)).selfService).toMatchObject({
      status: 'REGISTERED',
      unsuccessfulAttemptsSinceLastSuccess: 0,
    });
    expect((await login(person.email, 'a brand new passphrase')).errors).toBeUndefined();
  });
});

describe('mail that is never lost', () => {
  it('register succeeds while SMTP is down; the mail arrives once it is back, exactly once', async () => {
    const id = await createContact(
      federation,
      '42061',
      contactInput('Patient', 'Person', 'patient@county.xorg', [ContactType.READ_ONLY]),
    );
    await smtp.down();
    try {
      expect((await asStaff(REGISTER, { id })).errors).toBeUndefined();
      await new Promise((r) => setTimeout(r, 1500));
      expect(await smtp.waitFor('patient@county.xorg', 1, 10)).toHaveLength(0);
    } finally {
      await smtp.up();
    }
    expect(await smtp.waitFor('patient@county.xorg')).toHaveLength(1);
    await new Promise((r) => setTimeout(r, 2500));
    expect(await smtp.waitFor('patient@county.xorg', 2, 10)).toHaveLength(1);
    const [row] = await federation.subgraphs.credential.dataSource.query(
      "SELECT body, sentAt FROM outbox WHERE recipient = 'patient@county.xorg'",
    );
    expect(row.sentAt).not.toBeNull();
    expect(row.body).toBeNull();
  });
});

describe('internet access', () => {
  it('when the organization switches it off, its contacts sign in from the internal network only', async () => {
    const person = await enrolled('offline@county.xorg');
    const credential = federation.subgraphs.organization.dataSource;
    await credential.query("UPDATE organization SET automaticInternetAccess = 0 WHERE code = '42061'");
    try {
      // No session: a token to request internet access instead (DESIGN.md section 10).
      const refused = await federation.query(
        'mutation ($u: String!, $p: String!) { login(userName: $u, password: $p) { accessToken internetAccessRequestToken } }',
        { u: person.email, p: person.password },
        { headers: INTERNET },
      );
      expect(refused.data?.login).toEqual({ accessToken: null, internetAccessRequestToken: expect.any(String) });
      expect((await login(person.email, person.password, INTERNAL)).errors).toBeUndefined();
    } finally {
      await credential.query("UPDATE organization SET automaticInternetAccess = 1 WHERE code = '42061'");
    }
  });
});

describe('the panel', () => {
  it('shows the internal message to staff only', async () => {
    const person = await enrolled('messages@county.xorg');
    const set = await asStaff(
      'mutation ($id: ID!) { setSelfServiceMessages(contactId: $id, internalMessage: "Set to enroll by batch.", externalMessage: "Welcome") { externalMessage } }',
      { id: person.id },
    );
    expect(set.errors).toBeUndefined();
    const admin = await signedInContact(federation, '42061', [ContactType.ADMINISTRATOR], 'panel-admin@county.xorg');
    const asAdmin = await federation.query(
      'query ($id: ID!) { contact(id: $id) { selfService { externalMessage internalMessage } } }',
      { id: person.id },
      { token: admin.token },
    );
    expect(asAdmin.data.contact.selfService).toEqual({ externalMessage: 'Welcome', internalMessage: null });
    expect(asAdmin.errors?.[0].extensions?.code).toBe('FORBIDDEN');
    expect(
      (await asStaff('query ($id: ID!) { contact(id: $id) { selfService { internalMessage } } }', { id: person.id }))
        .data.contact.selfService.internalMessage,
    ).toBe('Set to enroll by batch.');
  });

  it('keeps every security event in its audit trail', async () => {
    const person = await enrolled('events@county.xorg');
    await login(person.email, 'one wrong guess');
    const { data } = await asStaff(
      'query ($id: ID!) { contact(id: $id) { selfService { securityEvents { items { type actorKind } } } } }',
      { id: person.id },
    );
    expect(data.contact.selfService.securityEvents.items.map((e: any) => e.type)).toEqual([
      'LOGIN_FAILED',
      'PASSWORD_CHANGED',
      'LOGIN_SUCCEEDED',
      'REGISTERED',
    ]);
  });
});
