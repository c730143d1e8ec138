import { loadCredentialConfig, resetStaffSecondFactors, secondFactors } from '@ecg/credential';
import { ContactType } from '@ecg/policy';
import { startFederation, TEST_STAFF, type Federation } from './support/federation';
import { contactInput, createContact, giveLogin, PASSWORD, staffLogin } from './support/people';
import { codeAt, enrolWithChallenge, wrongCodeFor } from './support/second-factor';

// Staff logins with second factors (always required in production),
// replacing an authenticator only with proof of holding it, and the panel's count of
// second-factor failures (the seeds' "Entrust Unsuccessful Attempts").
const LOGIN = `mutation ($u: String!, $p: String!) { login(userName: $u, password: $p) {
  accessToken refreshToken secondFactorRequired secondFactorChallenge secondFactorKinds
  secondFactorEnrolmentRequired secondFactorEnrolmentChallenge } }`;
const VERIFY = `mutation ($c: String!, $code: String, $r: String) { verifySecondFactor(challenge: $c, code: $code, recoveryCode: $r) {
  accessToken } }`;
// Signed in, every start needs the step-up proof: the current password before a second factor, then the factor.
const START = `mutation ($code: String, $r: String, $p: String) { startTotpEnrolment(currentCode: $code, recoveryCode: $r, currentPassword: $p) { secret } }`;
const CONFIRM = 'mutation ($code: String!) { confirmTotpEnrolment(code: $code) { codes } }';
const ME = '{ me { kind staff { email } contact { id } secondFactorKinds } }';
const STAFF_ATTEMPTS = 3;

describe('in development', () => {
  let federation: Federation;
  const login = (u: string, p: string) => federation.query(LOGIN, { u, p });
  beforeAll(async () => {
    federation = await startFederation('sfstaff', { STAFF_LOCKOUT_ATTEMPTS: String(STAFF_ATTEMPTS) });
  });
  afterAll(() => federation?.stop());

  it('a staff login signs in with its password alone until it sets up an authenticator, then in two steps', async () => {
    const staff = await staffLogin(federation, 'two.step.staff@test.example');
    const first = (await login(staff.email, staff.password)).data.login;
    expect(first).toMatchObject({ accessToken: expect.any(String), secondFactorEnrolmentRequired: false });
    const token = first.accessToken;
    expect((await federation.query(ME, {}, { token })).data.me).toMatchObject({ kind: 'STAFF', secondFactorKinds: [] });

    const { secret } = (await federation.query(START, { p: staff.password }, { token })).data.startTotpEnrolment;
    const confirmed = await federation.query(CONFIRM, { code: codeAt(secret) }, { token });
    expect(confirmed.data.confirmTotpEnrolment.codes).toHaveLength(10);
    expect((await federation.query(ME, {}, { token })).data.me.secondFactorKinds).toEqual(['TOTP', 'RECOVERY_CODES']);

    const step = (await login(staff.email, staff.password)).data.login;
    expect(step).toMatchObject({
      accessToken: null,
      refreshToken: null,
      secondFactorRequired: true,
      secondFactorKinds: ['TOTP', 'RECOVERY_CODES'],
    });
    // The challenge is no token.
    expect((await federation.query(ME, {}, { token: step.secondFactorChallenge })).errors?.[0].extensions?.code).toBe(
      'UNAUTHENTICATED',
    );
    const signedIn = (await federation.query(VERIFY, { c: step.secondFactorChallenge, code: codeAt(secret, 1) })).data
      .verifySecondFactor;
    expect((await federation.query(ME, {}, { token: signedIn.accessToken })).data.me.staff.email).toBe(staff.email);
    // Used once: the same code does not open a second challenge.
    const again = (await login(staff.email, staff.password)).data.login;
    expect(
      (await federation.query(VERIFY, { c: again.secondFactorChallenge, code: codeAt(secret, 1) })).errors?.[0]
        .extensions,
    ).toMatchObject({ code: 'UNAUTHENTICATED', invalidFields: [{ field: 'code' }] });
  });

  it("wrong codes count toward the staff lockout: the right password and code then get the failure's answer", async () => {
    const staff = await staffLogin(federation, 'guessing.staff@test.example');
    const token = (await login(staff.email, staff.password)).data.login.accessToken;
    const { secret } = (await federation.query(START, { p: staff.password }, { token })).data.startTotpEnrolment;
    await federation.query(CONFIRM, { code: codeAt(secret) }, { token });

    const step = (await login(staff.email, staff.password)).data.login;
    for (let i = 0; i < STAFF_ATTEMPTS; i++)
      expect(
        (await federation.query(VERIFY, { c: step.secondFactorChallenge, code: wrongCodeFor(secret) })).errors?.[0]
          .extensions?.code,
      ).toBe('UNAUTHENTICATED');
    expect((await login(staff.email, staff.password)).errors?.[0].message).toBe('Invalid user name or password.');
    expect(
      (await federation.query(VERIFY, { c: step.secondFactorChallenge, code: codeAt(secret, 1) })).data
        ?.verifySecondFactor,
    ).toBeFalsy();
  });

  it("the operator command removes a staff login's second factors (lost phone and recovery codes)", async () => {
    const staff = await staffLogin(federation, 'lost.phone.staff@test.example');
    const token = (await login(staff.email, staff.password)).data.login.accessToken;
    const { secret } = (await federation.query(START, { p: staff.password }, { token })).data.startTotpEnrolment;
    await federation.query(CONFIRM, { code: codeAt(secret) }, { token });
    expect((await login(staff.email, staff.password)).data.login.secondFactorRequired).toBe(true);

    const db = federation.subgraphs.credential.dataSource;
    const factors = secondFactors(db, loadCredentialConfig({ SECOND_FACTOR_KEY: 'f'.repeat(64) }));
    expect(await resetStaffSecondFactors(db, factors, 'Lost.Phone.Staff@test.example')).toBe(true);
    expect(await resetStaffSecondFactors(db, factors, 'nobody.here@test.example')).toBe(false);
    expect((await login(staff.email, staff.password)).data.login).toMatchObject({
      secondFactorRequired: false,
      accessToken: expect.any(String),
    });
  });

  it('replacing the authenticator needs one of its current codes or a recovery code; a wrong one counts', async () => {
    const email = 'replacing.person@county.xorg';
    const id = await createContact(
      federation,
      '42061',
      contactInput('Replacing', 'Person', email, [ContactType.READ_ONLY]),
    );
    await giveLogin(federation, id, '42061', email);
    const token = await federation.login(email, PASSWORD);
    const old = (await federation.query(START, { p: PASSWORD }, { token })).data.startTotpEnrolment.secret;
    const recoveryCodes: string[] = (await federation.query(CONFIRM, { code: codeAt(old) }, { token })).data
      .confirmTotpEnrolment.codes;
    const panel = async () =>
      (
        await federation.query(
          `query ($id: ID!) { contact(id: $id) { selfService { unsuccessfulAttemptsSinceLastSuccess secondFactorUnsuccessfulAttempts lastAuthenticationFailure } } }`,
          { id },
          { token: await federation.staffToken() },
        )
      ).data.contact.selfService;

    // A session alone (taken over, left open) cannot move the second factor to another phone.
    const bare = await federation.query(START, {}, { token });
    expect(bare.errors?.[0].extensions).toMatchObject({
      code: 'STEP_UP_REQUIRED',
      invalidFields: [{ field: 'currentCode' }, { field: 'recoveryCode' }, { field: 'passkey' }],
    });
    // Nor does the password: with a second factor, only the factor proves it.
    const withPassword = await federation.query(START, { p: PASSWORD }, { token });
    expect(withPassword.errors?.[0].extensions?.code).toBe('STEP_UP_REQUIRED');
    expect(bare.data?.startTotpEnrolment ?? null).toBeNull();
    const renewBare = await federation.query('mutation { regenerateRecoveryCodes { codes } }', {}, { token });
    expect(renewBare.errors?.[0].extensions?.code).toBe('STEP_UP_REQUIRED');

    const wrong = await federation.query(START, { code: wrongCodeFor(old) }, { token });
    expect(wrong.errors?.[0].extensions).toMatchObject({
      code: 'UNAUTHENTICATED',
      invalidFields: [{ field: 'currentCode' }],
    });
    expect(await panel()).toEqual({
      unsuccessfulAttemptsSinceLastSuccess: 1,
      secondFactorUnsuccessfulAttempts: 1,
      lastAuthenticationFailure: 'SECOND_FACTOR',
    });

    // The old app's next code proves it: a new secret, confirmed by the new app's code.
    const replaced = await federation.query(START, { code: codeAt(old, 1) }, { token });
    const fresh: string = replaced.data.startTotpEnrolment.secret;
    expect(fresh).not.toBe(old);
    expect((await federation.query(CONFIRM, { code: codeAt(fresh) }, { token })).errors).toBeUndefined();
    // From now on only the new app's codes sign in (one wrong try here: three lock the login).
    const step = (await federation.query(LOGIN, { u: email, p: PASSWORD })).data.login;
    expect(
      (await federation.query(VERIFY, { c: step.secondFactorChallenge, code: codeAt(old, 0) })).errors?.[0].extensions
        ?.code,
    ).toBe('UNAUTHENTICATED');
    expect(
      (await federation.query(VERIFY, { c: step.secondFactorChallenge, code: codeAt(fresh, 1) })).data
        .verifySecondFactor.accessToken,
    ).toEqual(expect.any(String));
    // The completed sign-in starts the second-factor count again.
    expect(await panel()).toMatchObject({
      unsuccessfulAttemptsSinceLastSuccess: 0,
      secondFactorUnsuccessfulAttempts: 0,
    });
    // The old recovery codes went with the old app: they prove nothing now.
    expect((await federation.query(START, { r: recoveryCodes[5] }, { token })).errors?.[0].extensions).toMatchObject({
      code: 'UNAUTHENTICATED',
      invalidFields: [{ field: 'recoveryCode' }],
    });
  });

  it('a recovery code proves it too, when the phone is lost', async () => {
    const email = 'lost.phone@county.xorg';
    const id = await createContact(federation, '42061', contactInput('Lost', 'Phone', email, [ContactType.READ_ONLY]));
    await giveLogin(federation, id, '42061', email);
    const token = await federation.login(email, PASSWORD);
    const old = (await federation.query(START, { p: PASSWORD }, { token })).data.startTotpEnrolment.secret;
    const [code] = (await federation.query(CONFIRM, { code: codeAt(old) }, { token })).data.confirmTotpEnrolment.codes;
    const replaced = await federation.query(START, { r: code }, { token });
    expect(replaced.data.startTotpEnrolment.secret).toEqual(expect.any(String));
    // Spent: it proves nothing a second time.
    expect((await federation.query(START, { r: code }, { token })).errors?.[0].extensions?.invalidFields).toEqual([
      { field: 'recoveryCode', message: 'is not correct' },
    ]);
  });
});

describe('in production', () => {
  let federation: Federation;
  beforeAll(async () => {
    federation = await startFederation('sfstaffprod', { NODE_ENV: 'production', DEMO_DATA: 'true' });
  });
  afterAll(() => federation?.stop());

  it('a staff login with no second factor gets only the enrolment after its password; enrolled, it signs in in two steps', async () => {
    const staff = await staffLogin(federation, 'prod.staff@test.example');
    const step = (await federation.query(LOGIN, { u: staff.email, p: staff.password })).data.login;
    expect(step).toMatchObject({
      accessToken: null,
      refreshToken: null,
      secondFactorRequired: false,
      secondFactorEnrolmentRequired: true,
    });
    const challenge: string = step.secondFactorEnrolmentChallenge;
    // No right before the enrolment: the challenge is no token, and opens nothing else.
    expect((await federation.query(ME, {}, { token: challenge })).errors?.[0].extensions?.code).toBe('UNAUTHENTICATED');
    expect(
      (await federation.query('{ organization(code: "42061") { name } }', {}, { token: challenge })).errors?.[0]
        .extensions?.code,
    ).toBe('UNAUTHENTICATED');
    expect((await federation.query(VERIFY, { c: challenge, code: '123456' })).errors?.[0].extensions?.code).toBe(
      'INVALID_TOKEN',
    );

    const enrolled = await enrolWithChallenge((d, v) => federation.query(d, v), challenge);
    expect((await federation.query(ME, {}, { token: enrolled.accessToken })).data.me).toMatchObject({
      kind: 'STAFF',
      staff: { email: staff.email },
      secondFactorKinds: ['TOTP', 'RECOVERY_CODES'],
    });
    const next = (await federation.query(LOGIN, { u: staff.email, p: staff.password })).data.login;
    expect(next).toMatchObject({ accessToken: null, secondFactorRequired: true, secondFactorEnrolmentRequired: false });
    const signedIn = await federation.query(VERIFY, {
      c: next.secondFactorChallenge,
      code: codeAt(enrolled.secret, 1),
    });
    expect(signedIn.data.verifySecondFactor.accessToken).toEqual(expect.any(String));
  });

  it('the configured first staff login (STAFF_EMAIL) is held to it as well', async () => {
    const step = (await federation.query(LOGIN, { u: TEST_STAFF.email, p: TEST_STAFF.password })).data.login;
    expect(step.accessToken).toBeNull();
    expect(step.secondFactorEnrolmentRequired || step.secondFactorRequired).toBe(true);
  });
});
