import { Secret, TOTP } from 'otpauth';
import { ContactType } from '@ecg/policy';
import { startFederation, type Federation } from './support/federation';
import {
  contactInput,
  createContact,
  createOrganization,
  giveLogin,
  PASSWORD,
  signedInContact,
} from './support/people';
import { startSmtp } from './support/smtp';

// Authenticator codes and recovery codes, through the gateway on MariaDB, with real SMTP.
let federation: Federation;
let smtp: Awaited<ReturnType<typeof startSmtp>>;
let staff: string;
const INTERNET = { 'x-forwarded-for': '203.0.113.14' };

beforeAll(async () => {
  smtp = await startSmtp();
  federation = await startFederation('mfa', {
    SMTP_URL: smtp.url(),
    MAIL_POLL_MILLISECONDS: '100',
    MAIL_RETRY_MAX_SECONDS: '1',
    INTERNAL_NETWORKS: '10.0.0.0/8',
    LOGIN_LIMIT_PER_ADDRESS: '1000',
    LOGIN_LIMIT_PER_USER: '1000',
  });
  staff = await federation.staffToken();
});
afterAll(async () => {
  await federation?.stop();
  await smtp?.stop();
});

const LOGIN = `mutation ($u: String!, $p: String!) { login(userName: $u, password: $p) {
  accessToken refreshToken secondFactorRequired secondFactorChallenge secondFactorKinds } }`;
const VERIFY = `mutation ($c: String!, $code: String, $r: String) { verifySecondFactor(challenge: $c, code: $code, recoveryCode: $r) {
  accessToken refreshToken secondFactorRequired } }`;
// Signed in, a new authenticator needs the step-up proof: the current password while the login has no second factor.
const START =
  'mutation ($p: String = "' +
  PASSWORD +
  '") { startTotpEnrolment(currentPassword: $p) { secret otpauthUri qrCodeSvg } }';
const CONFIRM = 'mutation ($code: String!) { confirmTotpEnrolment(code: $code) { codes } }';
const PANEL =
  'status unsuccessfulAttemptsSinceLastSuccess totalUnsuccessfulAttempts lastAuthenticationFailure secondFactorSet secondFactorKinds availableActions';
const panel = async (id: string) =>
  (
    await federation.query(
      `query ($id: ID!) { contact(id: $id) { selfService { ${PANEL} } } }`,
      { id },
      { token: staff },
    )
  ).data.contact.selfService;

const login = (u: string, p = PASSWORD) => federation.query(LOGIN, { u, p }, { headers: INTERNET });
const verify = (c: string, proof: { code?: string; r?: string }) =>
  federation.query(VERIFY, { c, ...proof }, { headers: INTERNET });
/** The authenticator app: the code of the step `offset` steps from now. */
const codeAt = (secret: string, offset = 0) =>
  new TOTP({ secret: Secret.fromBase32(secret), digits: 6, period: 30 }).generate({
    timestamp: Date.now() + offset * 30_000,
  });
const wrongCodeFor = (secret: string) =>
  [...'0123456789'].map((d) => d.repeat(6)).find((c) => ![-1, 0, 1].some((o) => codeAt(secret, o) === c))!;

/** A signed-in person of 42061 with an authenticator: its secret and recovery codes. */
async function enrolledPerson(email: string, types = [ContactType.READ_ONLY]) {
  const id = await createContact(federation, '42061', contactInput('Second', 'Factor', email, types));
  await giveLogin(federation, id, '42061', email);
  const token = await federation.login(email, PASSWORD);
  const started = await federation.query(START, {}, { token });
  expect(started.errors).toBeUndefined();
  const { secret } = started.data.startTotpEnrolment;
  const confirmed = await federation.query(CONFIRM, { code: codeAt(secret) }, { token });
  expect(confirmed.errors).toBeUndefined();
  return { id, email, secret, token, recoveryCodes: confirmed.data.confirmTotpEnrolment.codes as string[] };
}

it('enrols an authenticator with a QR code and a first code, then signs in with password and code', async () => {
  const email = 'totp.person@county.xorg';
  const id = await createContact(federation, '42061', contactInput('Totp', 'Person', email, [ContactType.READ_ONLY]));
  await giveLogin(federation, id, '42061', email);
  const token = await federation.login(email, PASSWORD);
  expect(await panel(id)).toMatchObject({ secondFactorSet: false, secondFactorKinds: [] });

  const started = (await federation.query(START, {}, { token })).data.startTotpEnrolment;
  expect(started.secret).toMatch(/^[A-Z2-7]{32}$/);
  expect(started.otpauthUri).toBe(
    `otpauth://totp/Secure%20Employer%20Website:totp.person%40county.xorg?issuer=Secure%20Employer%20Website&secret=${started.secret}&algorithm=SHA1&digits=6&period=30`,
  );
  expect(started.qrCodeSvg).toMatch(/^<svg[^>]*>.*<\/svg>\s*$/s);
  // Not set until confirmed: sign-in still gives tokens at once.
  expect((await login(email)).data.login).toMatchObject({
    secondFactorRequired: false,
    accessToken: expect.any(String),
  });

  const wrong = await federation.query(CONFIRM, { code: wrongCodeFor(started.secret) }, { token });
  expect(wrong.errors?.[0].extensions).toMatchObject({ code: 'UNAUTHENTICATED', invalidFields: [{ field: 'code' }] });
  const confirmed = await federation.query(CONFIRM, { code: codeAt(started.secret) }, { token });
  const codes: string[] = confirmed.data.confirmTotpEnrolment.codes;
  expect(codes).toHaveLength(10);
  expect(new Set(codes).size).toBe(10);
  codes.forEach((code) => expect(code).toMatch(/^[a-z2-7]{5}-[a-z2-7]{5}$/));

  const first = (await login(email)).data.login;
  expect(first).toMatchObject({
    accessToken: null,
    refreshToken: null,
    secondFactorRequired: true,
    secondFactorKinds: ['TOTP', 'RECOVERY_CODES'],
  });
  // The code confirming the enrolment was spent: the next step's code signs in (one step of skew).
  const signedIn = (await verify(first.secondFactorChallenge, { code: codeAt(started.secret, 1) })).data
    .verifySecondFactor;
  expect(signedIn.accessToken).toEqual(expect.any(String));
  const me = await federation.query('{ me { contact { id } } }', {}, { token: signedIn.accessToken });
  expect(me.data.me.contact.id).toBe(id);

  expect(await panel(id)).toMatchObject({
    secondFactorSet: true,
    secondFactorKinds: ['TOTP', 'RECOVERY_CODES'],
    availableActions: ['RE_ENROLL', 'RESET_SECOND_FACTORS'],
  });
  const events = await federation.query(
    `query ($id: ID!) { contact(id: $id) { selfService { securityEvents(pageSize: 20) { items { type } } } } }`,
    { id },
    { token: staff },
  );
  expect(events.data.contact.selfService.securityEvents.items.map((e: { type: string }) => e.type)).toEqual(
    expect.arrayContaining(['SECOND_FACTOR_ENROLLED', 'SECOND_FACTOR_USED']),
  );

  // Nothing in the database in clear: not the secret, not a recovery code.
  const credential = federation.subgraphs.credential.dataSource;
  const rows = JSON.stringify([
    ...(await credential.query('SELECT * FROM second_factor')),
    ...(await credential.query('SELECT * FROM recovery_code')),
    ...(await credential.query('SELECT * FROM account_token')),
  ]);
  expect(rows).not.toContain(started.secret);
  expect(rows.toLowerCase()).not.toContain(started.secret.toLowerCase());
  for (const code of codes) {
    expect(rows).not.toContain(code);
    expect(rows).not.toContain(code.replace('-', ''));
  }
  expect(
    Number((await credential.query('SELECT COUNT(*) AS n FROM recovery_code WHERE usedAt IS NULL'))[0].n),
  ).toBeGreaterThanOrEqual(10);
});

it('refuses a code used once already, and a challenge already spent', async () => {
  const person = await enrolledPerson('replay@county.xorg');
  const code = codeAt(person.secret, 1);
  const first = (await login(person.email)).data.login;
  expect((await verify(first.secondFactorChallenge, { code })).data.verifySecondFactor.accessToken).toEqual(
    expect.any(String),
  );
  const again = await verify(first.secondFactorChallenge, { code });
  expect(again.errors?.[0].extensions?.code).toBe('INVALID_TOKEN');

  const second = (await login(person.email)).data.login;
  const replayed = await verify(second.secondFactorChallenge, { code });
  expect(replayed.errors?.[0].extensions).toMatchObject({
    code: 'UNAUTHENTICATED',
    invalidFields: [{ field: 'code' }],
  });
  expect(replayed.data?.verifySecondFactor ?? null).toBeNull();
  // An earlier step's code is refused too, even though it is within the skew window.
  expect(
    (await verify(second.secondFactorChallenge, { code: codeAt(person.secret, 0) })).errors?.[0].extensions?.code,
  ).toBe('UNAUTHENTICATED');
  expect(await panel(person.id)).toMatchObject({
    lastAuthenticationFailure: 'SECOND_FACTOR',
    unsuccessfulAttemptsSinceLastSuccess: 2,
  });
});

it('counts wrong codes toward the lockout; the right password between them does not reset the count', async () => {
  const person = await enrolledPerson('guesser@county.xorg');
  const wrong = wrongCodeFor(person.secret);
  for (let attempt = 1; attempt <= 3; attempt++) {
    const step = (await login(person.email)).data.login;
    expect(step.secondFactorRequired).toBe(true);
    expect((await verify(step.secondFactorChallenge, { code: wrong })).errors?.[0].extensions?.code).toBe(
      'UNAUTHENTICATED',
    );
    if (attempt < 3)
      expect(await panel(person.id)).toMatchObject({
        status: 'REGISTERED',
        unsuccessfulAttemptsSinceLastSuccess: attempt,
        lastAuthenticationFailure: 'SECOND_FACTOR',
      });
  }
  expect(await panel(person.id)).toMatchObject({
    status: 'LOCKED',
    unsuccessfulAttemptsSinceLastSuccess: 3,
    lastAuthenticationFailure: 'SECOND_FACTOR',
  });
  const [mail] = await smtp.waitForSubject(person.email, /locked/);
  expect(mail.subject).toBe('42061-COUNTY OFFICE OF EDUCATION: your self-service login is locked');
  // Locked: neither step gets through, not even with the right code.
  expect((await login(person.email)).errors?.[0].message).toBe('Invalid user name or password.');
});

it('signs in once with each recovery code; new codes replace the old ones', async () => {
  const person = await enrolledPerson('recovery@county.xorg');
  const [firstCode, secondCode] = person.recoveryCodes;
  const step = (await login(person.email)).data.login;
  expect(
    (await verify(step.secondFactorChallenge, { r: firstCode.toUpperCase() })).data.verifySecondFactor.accessToken,
  ).toEqual(expect.any(String));
  const next = (await login(person.email)).data.login;
  expect((await verify(next.secondFactorChallenge, { r: firstCode })).errors?.[0].extensions).toMatchObject({
    code: 'UNAUTHENTICATED',
    invalidFields: [{ field: 'recoveryCode' }],
  });

  const signedIn = (await verify(next.secondFactorChallenge, { code: codeAt(person.secret, 1) })).data
    .verifySecondFactor;
  // New codes need proof of holding the second factor (here one of the old codes), as replacing the authenticator does.
  const renewed = await federation.query(
    'mutation ($r: String) { regenerateRecoveryCodes(recoveryCode: $r) { codes } }',
    { r: person.recoveryCodes[2] },
    { token: signedIn.accessToken },
  );
  const fresh: string[] = renewed.data.regenerateRecoveryCodes.codes;
  expect(fresh).toHaveLength(10);
  const third = (await login(person.email)).data.login;
  expect((await verify(third.secondFactorChallenge, { r: secondCode })).errors?.[0].extensions?.code).toBe(
    'UNAUTHENTICATED',
  );
  expect((await verify(third.secondFactorChallenge, { r: fresh[0] })).data.verifySecondFactor.accessToken).toEqual(
    expect.any(String),
  );
  const both = await verify(third.secondFactorChallenge, { code: '123456', r: fresh[1] });
  expect(both.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
});

it("an administrator resets a person's second factors: the person is mailed, signs in with the password alone, old sessions end", async () => {
  const person = await enrolledPerson('lost.phone@county.xorg');
  const step = (await login(person.email)).data.login;
  const session = (await verify(step.secondFactorChallenge, { code: codeAt(person.secret, 1) })).data
    .verifySecondFactor;
  const RESET = `mutation ($id: ID!) { resetSecondFactors(contactId: $id) { ${PANEL} } }`;

  const reader = await signedInContact(federation, '42061', [ContactType.READ_ONLY], 'reader.mfa@county.xorg');
  expect((await federation.query(RESET, { id: person.id }, { token: reader.token })).errors?.[0].extensions?.code).toBe(
    'FORBIDDEN',
  );
  const outsider = await signedInContact(federation, '01001', [ContactType.ADMINISTRATOR], 'outside.admin@county.xorg');
  expect(
    (await federation.query(RESET, { id: person.id }, { token: outsider.token })).errors?.[0].extensions?.code,
  ).toBe('FORBIDDEN');
  expect(await panel(person.id)).toMatchObject({ secondFactorSet: true });

  // The reset-only role resets passwords of logins that never had a second factor, nothing more.
  const resetOnly = await signedInContact(
    federation,
    '42061',
    [ContactType.PASSWORD_RESET_ONLY],
    'reset.only.mfa@county.xorg',
  );
  expect(
    (await federation.query(RESET, { id: person.id }, { token: resetOnly.token })).errors?.[0].extensions?.code,
  ).toBe('STRONGER_CREDENTIAL');
  expect(await panel(person.id)).toMatchObject({ secondFactorSet: true });

  const admin = await signedInContact(federation, '42061', [ContactType.ADMINISTRATOR], 'admin.mfa@county.xorg');
  const reset = await federation.query(RESET, { id: person.id }, { token: admin.token });
  expect(reset.errors).toBeUndefined();
  expect(reset.data.resetSecondFactors).toMatchObject({
    secondFactorSet: false,
    secondFactorKinds: [],
    availableActions: ['RE_ENROLL'],
  });
  const [mail] = await smtp.waitForSubject(person.email, /second factors were reset/);
  expect(mail.subject).toBe('42061-COUNTY OFFICE OF EDUCATION: your second factors were reset');
  expect(mail.text).toContain('Your password has not changed');

  expect(
    (
      await federation.query('mutation ($r: String!) { refreshToken(refreshToken: $r) { accessToken } }', {
        r: session.refreshToken,
      })
    ).errors?.[0].extensions?.code,
  ).toBe('UNAUTHENTICATED');
  expect((await login(person.email)).data.login).toMatchObject({
    secondFactorRequired: false,
    accessToken: expect.any(String),
  });
  expect((await federation.query(RESET, { id: person.id }, { token: admin.token })).errors?.[0].extensions?.code).toBe(
    'NO_SECOND_FACTOR',
  );
});

it('Re-Enroll clears the second factors too', async () => {
  const person = await enrolledPerson('reenrolled.mfa@county.xorg');
  const reEnrolled = await federation.query(
    `mutation ($id: ID!) { reEnroll(contactId: $id) { ${PANEL} } }`,
    { id: person.id },
    { token: staff },
  );
  expect(reEnrolled.data.reEnroll).toMatchObject({
    status: 'REGISTRATION_PENDING',
    secondFactorSet: false,
    secondFactorKinds: [],
  });
  const [mail] = await smtp.waitForSubject(person.email, /re-enrolled/);
  const temporary = /Temporary password: (\S+)/.exec(mail.text)![1];
  expect((await login(person.email, temporary)).data.login).toMatchObject({
    secondFactorRequired: false,
    accessToken: expect.any(String),
  });
});

it('refuses 100 aliased code guesses, and even two, before any resolver runs', async () => {
  const person = await enrolledPerson('aliases@county.xorg');
  const step = (await login(person.email)).data.login;
  const guesses = (n: number) =>
    `mutation ($c: String!) { ${Array.from({ length: n }, (_, i) => `g${i}: verifySecondFactor(challenge: $c, code: "${String(i).padStart(6, '0')}") { accessToken }`).join(' ')} }`;
  // At the gateway and straight at the credential subgraph: 100 aliases break the alias limit, two the one-credential rule.
  for (const url of [federation.gatewayUrl, federation.subgraphs.credential.url]) {
    for (const n of [100, 2]) {
      const answer = await federation.query(guesses(n), { c: step.secondFactorChallenge }, { headers: INTERNET, url });
      expect(answer.errors?.length).toBeGreaterThan(0);
      expect(answer.errors?.[0].extensions?.code).toMatch(/^(GRAPHQL_VALIDATION_FAILED|BAD_USER_INPUT)$/);
      if (n === 2) expect(answer.errors?.[0].message).toMatch(/At most one of .*verifySecondFactor/);
      expect(answer.data ?? null).toBeNull();
    }
  }
  // No guess was counted, and the challenge still works.
  expect(await panel(person.id)).toMatchObject({
    unsuccessfulAttemptsSinceLastSuccess: 0,
    totalUnsuccessfulAttempts: 0,
  });
  expect(
    (await verify(step.secondFactorChallenge, { code: codeAt(person.secret, 1) })).data.verifySecondFactor.accessToken,
  ).toEqual(expect.any(String));
});

describe('removing the authenticator app', () => {
  const REMOVE =
    'mutation ($code: String, $p: String) { removeAuthenticator(currentCode: $code, currentPassword: $p) }';
  const codeOf = (response: { errors?: { extensions?: { code?: unknown } }[] }) =>
    response.errors?.[0]?.extensions?.code;

  it('takes a fresh code (a wrong one counts toward the lockout), removes the app and the recovery codes with it, and mails the owner', async () => {
    const person = await enrolledPerson('remove.app@42061.example');
    expect(codeOf(await federation.query(REMOVE, {}, { token: person.token }))).toBe('STEP_UP_REQUIRED');
    // The password is no proof once the login has a second factor.
    expect(codeOf(await federation.query(REMOVE, { p: PASSWORD }, { token: person.token }))).toBe('STEP_UP_REQUIRED');
    const wrong = await federation.query(REMOVE, { code: wrongCodeFor(person.secret) }, { token: person.token });
    expect(codeOf(wrong)).toBe('UNAUTHENTICATED');
    expect((await panel(person.id)).unsuccessfulAttemptsSinceLastSuccess).toBe(1);
    expect((await panel(person.id)).secondFactorKinds).toEqual(['TOTP', 'RECOVERY_CODES']);

    const removed = await federation.query(REMOVE, { code: codeAt(person.secret, 1) }, { token: person.token });
    expect(removed.errors).toBeUndefined();
    expect(removed.data.removeAuthenticator).toBe(true);
    // No factor left: the recovery codes went too, and sign-in asks for the password alone.
    expect(await panel(person.id)).toMatchObject({ secondFactorSet: false, secondFactorKinds: [] });
    expect((await login(person.email)).data.login).toMatchObject({
      secondFactorRequired: false,
      accessToken: expect.any(String),
    });
    expect((await smtp.waitForText(person.email, 'The authenticator app was removed'))?.subject).toMatch(
      /changed how it signs in/,
    );
    // Gone: asked again, it says there is none.
    expect(codeOf(await federation.query(REMOVE, { p: PASSWORD }, { token: person.token }))).toBe('NO_SECOND_FACTOR');
  });

  it('is refused while the organization requires a second factor and it is the last one', async () => {
    await createOrganization(federation, '77015');
    const id = await createContact(
      federation,
      '77015',
      contactInput('Must', 'Keep', 'must.keep@77015.example', [ContactType.READ_ONLY]),
    );
    await giveLogin(federation, id, '77015', 'must.keep@77015.example');
    const token = await federation.login('must.keep@77015.example', PASSWORD);
    const { secret } = (await federation.query(START, {}, { token })).data.startTotpEnrolment;
    expect((await federation.query(CONFIRM, { code: codeAt(secret) }, { token })).errors).toBeUndefined();
    const org = (
      await federation.query(
        '{ organization(code: "77015") { id version name organizationType automaticInternetAccess address { line1 line2 city state postalCode country } } }',
        {},
        { token: staff },
      )
    ).data.organization;
    const { id: orgId, version, ...details } = org;
    const required = await federation.query(
      'mutation ($id: ID!, $v: Int!, $input: OrganizationInput!) { updateOrganization(id: $id, expectedVersion: $v, input: $input) { secondFactorRequired } }',
      { id: orgId, v: version, input: { ...details, secondFactorRequired: true } },
      { token: staff },
    );
    expect(required.errors).toBeUndefined();

    const refused = await federation.query(REMOVE, { code: codeAt(secret, 1) }, { token });
    expect(codeOf(refused)).toBe('LAST_SECOND_FACTOR');
    expect((await panel(id)).secondFactorKinds).toEqual(['TOTP', 'RECOVERY_CODES']);
  });
});

describe('an organization that requires a second factor', () => {
  const ORGANIZATION = (code: string) =>
    `{ organization(code: "${code}") { id version name organizationType automaticInternetAccess secondFactorRequired address { line1 line2 city state postalCode country } } }`;
  const UPDATE =
    'mutation ($id: ID!, $v: Int!, $input: OrganizationInput!) { updateOrganization(id: $id, expectedVersion: $v, input: $input) { secondFactorRequired automaticInternetAccess } }';
  const inputOf = ({ name, organizationType, automaticInternetAccess, address }: any) => ({
    name,
    organizationType,
    automaticInternetAccess,
    address,
  });

  it('is set by its administrators or staff; its people get only an enrolment after the password, then a session once enrolled', async () => {
    await createOrganization(federation, '77014');
    const email = 'must.enrol@77014.example';
    const id = await createContact(federation, '77014', contactInput('Must', 'Enrol', email, [ContactType.READ_ONLY]));
    await giveLogin(federation, id, '77014', email);
    expect((await login(email)).data.login).toMatchObject({
      secondFactorRequired: false,
      accessToken: expect.any(String),
    });

    const org = (await federation.query(ORGANIZATION('77014'), {}, { token: staff })).data.organization;
    expect(org.secondFactorRequired).toBe(false);
    const reader = await signedInContact(federation, '77014', [ContactType.READ_ONLY], 'reader@77014.example');
    const refused = await federation.query(
      UPDATE,
      { id: org.id, v: org.version, input: { ...inputOf(org), secondFactorRequired: true } },
      { token: reader.token },
    );
    expect(refused.errors?.[0].extensions?.code).toBe('FORBIDDEN');
    const admin = await signedInContact(federation, '77014', [ContactType.ADMINISTRATOR], 'admin@77014.example');
    const saved = await federation.query(
      UPDATE,
      { id: org.id, v: org.version, input: { ...inputOf(org), secondFactorRequired: true } },
      { token: admin.token },
    );
    expect(saved.data.updateOrganization).toMatchObject({ secondFactorRequired: true, automaticInternetAccess: true });
    // Saving the details without the field leaves it as it is.
    const again = (await federation.query(ORGANIZATION('77014'), {}, { token: staff })).data.organization;
    expect(
      (await federation.query(UPDATE, { id: org.id, v: again.version, input: inputOf(again) }, { token: staff })).data
        .updateOrganization.secondFactorRequired,
    ).toBe(true);

    const step = (
      await federation.query(
        `mutation ($u: String!, $p: String!) { login(userName: $u, password: $p) {
      accessToken refreshToken secondFactorRequired secondFactorEnrolmentRequired secondFactorEnrolmentChallenge } }`,
        { u: email, p: PASSWORD },
        { headers: INTERNET },
      )
    ).data.login;
    expect(step).toMatchObject({
      accessToken: null,
      refreshToken: null,
      secondFactorRequired: false,
      secondFactorEnrolmentRequired: true,
    });
    const challenge: string = step.secondFactorEnrolmentChallenge;
    // The challenge is no token: it opens nothing but the enrolment.
    expect(
      (await federation.query('{ me { contact { id } } }', {}, { token: challenge })).errors?.[0].extensions?.code,
    ).toBe('UNAUTHENTICATED');
    expect(
      (await federation.query('mutation { regenerateRecoveryCodes { codes } }', {}, { token: challenge })).errors?.[0]
        .extensions?.code,
    ).toBe('UNAUTHENTICATED');
    expect((await verify(challenge, { code: '123456' })).errors?.[0].extensions?.code).toBe('INVALID_TOKEN');
    expect((await federation.query('mutation { startTotpEnrolment { secret } }')).errors?.[0].extensions?.code).toBe(
      'UNAUTHENTICATED',
    );

    const START_WITH = 'mutation ($c: String) { startTotpEnrolment(enrolmentChallenge: $c) { secret } }';
    const CONFIRM_WITH =
      'mutation ($code: String!, $c: String) { confirmTotpEnrolment(code: $code, enrolmentChallenge: $c) { codes signIn { accessToken refreshToken } } }';
    const { secret } = (await federation.query(START_WITH, { c: challenge })).data.startTotpEnrolment;
    const wrong = await federation.query(CONFIRM_WITH, { code: wrongCodeFor(secret), c: challenge });
    expect(wrong.errors?.[0].extensions).toMatchObject({ code: 'UNAUTHENTICATED', invalidFields: [{ field: 'code' }] });
    const confirmed = (
      await federation.query(CONFIRM_WITH, { code: codeAt(secret), c: challenge }, { headers: INTERNET })
    ).data.confirmTotpEnrolment;
    expect(confirmed.codes).toHaveLength(10);
    expect(confirmed.signIn.accessToken).toEqual(expect.any(String));
    expect(
      (await federation.query('{ me { contact { id } } }', {}, { token: confirmed.signIn.accessToken })).data.me.contact
        .id,
    ).toBe(id);
    // Spent with the enrolment; from now on sign-in asks for a code.
    expect((await federation.query(START_WITH, { c: challenge })).errors?.[0].extensions?.code).toBe('INVALID_TOKEN');
    expect((await login(email)).data.login).toMatchObject({ secondFactorRequired: true, accessToken: null });
  });
});
