import { createServer as createCredentialServer, loadCredentialConfig, unlockStaffLogin } from '@ecg/credential';
import { ContactType } from '@ecg/policy';
import { dropDatabase } from '@ecg/infrastructure';
import { startFederation, TEST_STAFF, type Federation } from './support/federation';
import { uniqueDatabaseUrl } from './support/database';
import { contactInput, createContact, giveLogin, PASSWORD, staffLogin as ownStaffLogin } from './support/people';
import { CHANGE, LOGIN } from './support/self-service-flows';

// Staff logins lock like contacts (the audit's finding 5), the staff password check is tested (blind
// spot), user names match by NFKC + lower case only, and the demo staff login dies in production.
let federation: Federation;
const ATTEMPTS = 4;

beforeAll(async () => {
  federation = await startFederation('secstaff', {
    STAFF_LOCKOUT_ATTEMPTS: String(ATTEMPTS),
    STAFF_LOCKOUT_MINUTES: '15',
  });
});
afterAll(() => federation?.stop());

const db = () => federation.subgraphs.credential.dataSource;
const login = (u: string, p: string) => federation.query(LOGIN, { u, p });
const refusal = (result: { errors?: { message: string; extensions?: Record<string, any> }[] }) =>
  result.errors && { message: result.errors[0].message, code: result.errors[0].extensions?.code };
const INVALID = { message: 'Invalid user name or password.', code: 'UNAUTHENTICATED' };

const staffLogin = (email: string, password?: string) => ownStaffLogin(federation, email, password);

describe('staff sign-in', () => {
  it('refuses a wrong password with the answer every failure gets', async () => {
    expect(refusal(await login(TEST_STAFF.email, 'not the staff password'))).toEqual(INVALID);
    expect((await login(TEST_STAFF.email, TEST_STAFF.password)).errors).toBeUndefined();
  });

  it(`locks after ${ATTEMPTS} consecutive failures: the right password then gets the same answer as a wrong one`, async () => {
    const staff = await staffLogin('locking.staff@test.example');
    for (let i = 0; i < ATTEMPTS; i++)
      expect(refusal(await login(staff.email, `wrong staff guess ${i}`))).toEqual(INVALID);
    expect(refusal(await login(staff.email, staff.password))).toEqual(INVALID);
    // The lock expires: moved into the past, the right password works and the count starts again.
    await db().query('UPDATE staff_account SET lockedUntil = ? WHERE email = ?', [
      new Date(Date.now() - 1000),
      staff.email,
    ]);
    expect((await login(staff.email, staff.password)).errors).toBeUndefined();
    for (let i = 0; i < ATTEMPTS - 1; i++) await login(staff.email, `wrong staff guess ${i}`);
    expect((await login(staff.email, staff.password)).errors).toBeUndefined();
  });

  it('locks for the configured minutes; the unlock command opens it at once', async () => {
    const staff = await staffLogin('unlocked.staff@test.example');
    const before = Date.now();
    for (let i = 0; i < ATTEMPTS; i++) await login(staff.email, `wrong staff guess ${i}`);
    const [row] = await db().query('SELECT lockedUntil FROM staff_account WHERE email = ?', [staff.email]);
    expect(new Date(row.lockedUntil).getTime()).toBeGreaterThanOrEqual(before + 15 * 60_000 - 2000);
    expect(new Date(row.lockedUntil).getTime()).toBeLessThanOrEqual(Date.now() + 15 * 60_000 + 2000);
    expect(refusal(await login(staff.email, staff.password))).toEqual(INVALID);
    expect(await unlockStaffLogin(db(), 'Unlocked.Staff@test.example')).toBe(true);
    expect(await unlockStaffLogin(db(), 'nobody.here@test.example')).toBe(false);
    expect((await login(staff.email, staff.password)).errors).toBeUndefined();
  });

  it('counts a wrong current password in changePassword: its token cannot keep guessing', async () => {
    const staff = await staffLogin('changing.staff@test.example');
    const token = (await login(staff.email, staff.password)).data.login.accessToken;
    for (let i = 0; i < ATTEMPTS; i++) {
      const wrong = await federation.query(CHANGE, { c: `wrong current ${i}`, n: 'a new staff passphrase' }, { token });
      expect(wrong.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
    }
    const right = await federation.query(CHANGE, { c: staff.password, n: 'a new staff passphrase' }, { token });
    // Locked: the step-up gate refuses even the right password, and says why to the signed-in holder.
    expect(right.errors?.[0].extensions?.code).toBe('ACCOUNT_LOCKED');
    expect(refusal(await login(staff.email, staff.password))).toEqual(INVALID);
  });
});

describe('user names (decision: NFKC and lower case, no accent folding)', () => {
  it('an accented look-alike does not sign in as staff; other widths and cases do', async () => {
    expect(refusal(await login('stáff@test.example', TEST_STAFF.password))).toEqual(INVALID);
    expect(refusal(await login('staff@tést.example', TEST_STAFF.password))).toEqual(INVALID);
    expect((await login('ｓｔａｆｆ@test.example', TEST_STAFF.password)).errors).toBeUndefined();
    expect((await login(' STAFF@TEST.EXAMPLE ', TEST_STAFF.password)).errors).toBeUndefined();
  });

  it("an accented look-alike of a contact's user name does not sign in as that contact", async () => {
    const email = 'accent.person@county.xorg';
    await giveLogin(
      federation,
      await createContact(federation, '42061', contactInput('Accent', 'Person', email, [ContactType.READ_ONLY])),
      '42061',
      email,
    );
    expect(refusal(await login('áccent.person@county.xorg', PASSWORD))).toEqual(INVALID);
    expect((await login('ACCENT.PERSON@county.xorg', PASSWORD)).errors).toBeUndefined();
  });
});

describe('the demo staff login in production (decision)', () => {
  it('a demo staff login left in the database cannot sign in once the service starts in production', async () => {
    const databaseUrl = uniqueDatabaseUrl('demoprod');
    const env = {
      DATABASE_URL: databaseUrl,
      HOST: '127.0.0.1',
      CREDENTIAL_PORT: '0',
      LOG_LEVEL: process.env.LOG_LEVEL ?? 'silent',
      LOG_DESTINATION: process.env.LOG_DESTINATION,
    };
    const post = (url: string, query: string, variables: Record<string, unknown>) =>
      fetch(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ query, variables }),
      }).then((r) => r.json());
    const demoConfig = loadCredentialConfig({ ...env, DEMO_DATA: 'true' });
    expect(demoConfig.staff?.email).toBe('staff@demo.example');
    const demo = await createCredentialServer(demoConfig);
    try {
      expect(
        (await post(demo.url, LOGIN, { u: demoConfig.staff!.email, p: demoConfig.staff!.password })).errors,
      ).toBeUndefined();
    } finally {
      await demo.stop();
    }
    const production = await createCredentialServer(
      loadCredentialConfig({
        ...env,
        NODE_ENV: 'production',
        SECOND_FACTOR_KEY: 'e'.repeat(64),
        DEMO_DATA: 'false',
        STAFF_EMAIL: 'ops@pension.example',
        STAFF_PASSWORD: 'an operators own passphrase',
      }),
    );
    try {
      expect(
        (await post(production.url, LOGIN, { u: demoConfig.staff!.email, p: demoConfig.staff!.password })).errors?.[0]
          .extensions?.code,
      ).toBe('UNAUTHENTICATED');
      expect(
        (await post(production.url, LOGIN, { u: 'ops@pension.example', p: 'an operators own passphrase' })).errors,
      ).toBeUndefined();
    } finally {
      await production.stop();
      await dropDatabase(demoConfig.database);
    }
  });
});
