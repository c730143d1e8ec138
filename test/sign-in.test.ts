import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { decodeJwt } from 'jose';
import { ContactType } from '@ecg/policy';
import { demoOrganizationId } from '@ecg/demo-data';
import { startFederation, TEST_STAFF, type Federation } from './support/federation';
import { hashPassword } from '@ecg/credential';
import { contactInput, currentVersion, PASSWORD, signedInContact, staffLogin } from './support/people';

// Sign-in, tokens, `me`, and secrets that never show.
const LOG_FILE = join(mkdtempSync(join(tmpdir(), 'ecg-logs-')), 'all.log');
let federation: Federation;
const responses: string[] = [];

beforeAll(async () => {
  federation = await startFederation('signin', { LOG_LEVEL: 'trace', LOG_DESTINATION: LOG_FILE });
});
afterAll(() => federation?.stop());

/** Every answer of this file is kept, to be searched for secrets at the end. */
async function ask(query: string, variables?: Record<string, unknown>, token?: string) {
  const result = await federation.query(query, variables, { token });
  responses.push(JSON.stringify(result));
  return result;
}

const LOGIN =
  'mutation ($u: String!, $p: String!) { login(userName: $u, password: $p) { accessToken refreshToken tokenType expiresIn passwordChangeRequired } }';
const REFRESH = 'mutation ($r: String!) { refreshToken(refreshToken: $r) { accessToken refreshToken } }';
const UPDATE =
  'mutation ($id: ID!, $v: Int!, $input: ContactDetailsInput!) { updateContact(id: $id, expectedVersion: $v, input: $input) { id } }';

describe('login', () => {
  it('answers an unknown user name and a wrong password with the same error, shape and all', async () => {
    await signedInContact(federation, '42061', [ContactType.PAYROLL], 'same-answer@test.example');
    const unknown = await ask(LOGIN, { u: 'nobody@test.example', p: PASSWORD });
    const wrong = await ask(LOGIN, { u: 'same-answer@test.example', p: 'not the password at all' });
    expect(unknown.errors).toEqual([
      expect.objectContaining({
        message: 'Invalid user name or password.',
        extensions: expect.objectContaining({ code: 'UNAUTHENTICATED' }),
      }),
    ]);
    expect(JSON.stringify(wrong)).toBe(JSON.stringify(unknown));
  });

  it('gives a contact a short-lived token naming it, its organization and its types', async () => {
    const { id } = await signedInContact(
      federation,
      '42061',
      [ContactType.PAYROLL, ContactType.BENEFIT],
      'claims@test.example',
    );
    const { data } = await ask(LOGIN, { u: 'CLAIMS@test.example ', p: PASSWORD });
    expect(data.login).toMatchObject({ tokenType: 'Bearer', expiresIn: 900, passwordChangeRequired: false });
    const claims = decodeJwt(data.login.accessToken);
    expect(claims).toMatchObject({
      sub: id,
      kind: 'contact',
      org: demoOrganizationId('42061'),
      types: ['BENEFIT', 'PAYROLL'],
    });
    expect(claims.exp! - claims.iat!).toBe(900);
  });

  it('counts successes and failures on the self-service panel', async () => {
    const { id } = await signedInContact(federation, '42061', [ContactType.READ_ONLY], 'counted@test.example');
    await ask(LOGIN, { u: 'counted@test.example', p: 'wrong password one' });
    await ask(LOGIN, { u: 'counted@test.example', p: PASSWORD });
    const { data } = await ask(
      'query ($id: ID!) { contact(id: $id) { selfService { successfulLoginAttempts totalUnsuccessfulAttempts unsuccessfulAttemptsSinceLastSuccess lastAuthenticationFailure lastSuccessfulLogin } } }',
      { id },
      await federation.staffToken(),
    );
    expect(data.contact.selfService).toMatchObject({
      successfulLoginAttempts: 2,
      totalUnsuccessfulAttempts: 1,
      unsuccessfulAttemptsSinceLastSuccess: 0,
      lastAuthenticationFailure: 'PASSWORD',
    });
  });
});

describe('refresh tokens', () => {
  it('rotate on use; a spent one replayed revokes the whole session', async () => {
    await signedInContact(federation, '42061', [ContactType.READ_ONLY], 'rotate@test.example');
    const first = (await ask(LOGIN, { u: 'rotate@test.example', p: PASSWORD })).data.login;
    const second = (await ask(REFRESH, { r: first.refreshToken })).data.refreshToken;
    expect(second.refreshToken).not.toBe(first.refreshToken);
    const replay = await ask(REFRESH, { r: first.refreshToken });
    expect(replay.errors?.[0].extensions?.code).toBe('UNAUTHENTICATED');
    // The replay burned the family: the legitimate newer token is gone too.
    expect((await ask(REFRESH, { r: second.refreshToken })).errors?.[0].extensions?.code).toBe('UNAUTHENTICATED');
  });

  it('stop working after logout', async () => {
    await signedInContact(federation, '42061', [ContactType.READ_ONLY], 'logout@test.example');
    const session = (await ask(LOGIN, { u: 'logout@test.example', p: PASSWORD })).data.login;
    expect(
      (await ask('mutation ($r: String!) { logout(refreshToken: $r) }', { r: session.refreshToken })).data.logout,
    ).toBe(true);
    expect((await ask(REFRESH, { r: session.refreshToken })).errors?.[0].extensions?.code).toBe('UNAUTHENTICATED');
  });

  it('carry a change of contact types into the next token, and die with deactivation', async () => {
    const { id } = await signedInContact(federation, '42061', [ContactType.READ_ONLY], 'changes@test.example');
    const session = (await ask(LOGIN, { u: 'changes@test.example', p: PASSWORD })).data.login;
    const staff = await federation.staffToken();
    const promoted = await ask(
      UPDATE,
      {
        id,
        v: await currentVersion(federation, id),
        input: contactInput('Test', 'Changes', 'changes@test.example', [ContactType.ADMINISTRATOR]),
      },
      staff,
    );
    expect(promoted.errors).toBeUndefined();
    const renewed = (await ask(REFRESH, { r: session.refreshToken })).data.refreshToken;
    expect(decodeJwt(renewed.accessToken).types).toEqual(['ADMINISTRATOR']);
    const me = await ask('{ me { contactTypes capabilities { function level } } }', undefined, renewed.accessToken);
    expect(me.data.me.contactTypes).toEqual(['ADMINISTRATOR']);
    expect(me.data.me.capabilities).toContainEqual({ function: 'ORGANIZATION_CONTACTS', level: 'EDIT' });

    await ask(
      UPDATE,
      {
        id,
        v: await currentVersion(federation, id),
        input: {
          ...contactInput('Test', 'Changes', 'changes@test.example', [ContactType.ADMINISTRATOR]),
          status: 'INACTIVE',
        },
      },
      staff,
    );
    // The session gate names why the session ended.
    expect((await ask(REFRESH, { r: renewed.refreshToken })).errors?.[0].extensions?.code).toBe('CONTACT_INACTIVE');
    expect((await ask(LOGIN, { u: 'changes@test.example', p: PASSWORD })).errors?.[0].message).toBe(
      'Invalid user name or password.',
    );
  });
});

describe('me', () => {
  it('tells a contact who it is, its organization and its capabilities from the matrix', async () => {
    const { token } = await signedInContact(federation, '01001', [ContactType.PAYROLL], 'me-payroll@test.example');
    const { data, errors } = await ask(
      '{ me { kind contact { fullName primaryEmail } organization { code name } contactTypes capabilities { function name level } passwordChangeRequired } }',
      undefined,
      token,
    );
    expect(errors).toBeUndefined();
    expect(data.me).toMatchObject({
      kind: 'CONTACT',
      contact: { primaryEmail: 'me-payroll@test.example' },
      organization: { code: '01001' },
      contactTypes: ['PAYROLL'],
      passwordChangeRequired: false,
    });
    expect(data.me.capabilities).toContainEqual({
      function: 'CONTRIBUTION_AND_MATCH_FILE',
      name: 'Upload and process the Contribution and Match file',
      level: 'EDIT',
    });
    expect(data.me.capabilities).toContainEqual({
      function: 'ORGANIZATION_CONTACTS',
      name: 'Create and maintain Organization Contact information',
      level: 'READ',
    });
    expect(data.me.capabilities.map((c: any) => c.function)).not.toContain('EMPLOYMENT_AND_MATCH_FILES');
  });

  it('shows a password-reset-only contact its own name and organization, and nothing else', async () => {
    const { token } = await signedInContact(
      federation,
      '42061',
      [ContactType.PASSWORD_RESET_ONLY],
      'reset-only@test.example',
    );
    const { data, errors } = await ask(
      '{ me { contact { fullName } organization { code } capabilities { function level } } }',
      undefined,
      token,
    );
    expect(errors).toBeUndefined();
    expect(data.me.organization).toEqual({ code: '42061' });
    expect(data.me.capabilities).toEqual([
      { function: 'CHANGE_PASSWORD', level: 'EDIT' },
      { function: 'SELF_SERVICE_RESET', level: 'EDIT' },
    ]);
  });

  it('tells staff it is staff, able to do everything', async () => {
    const { data } = await ask(
      '{ me { kind staff { email } organization { code } capabilities { level } } }',
      undefined,
      await federation.staffToken(),
    );
    expect(data.me).toMatchObject({ kind: 'STAFF', staff: { email: TEST_STAFF.email }, organization: null });
    expect(new Set(data.me.capabilities.map((c: any) => c.level))).toEqual(new Set(['EDIT']));
  });

  it('is UNAUTHENTICATED without a token', async () => {
    expect((await ask('{ me { kind } }')).errors?.[0].extensions?.code).toBe('UNAUTHENTICATED');
  });
});

describe('the published keys', () => {
  it('are public Ed25519 keys only', async () => {
    const jwks = await (await fetch(new URL('/.well-known/jwks.json', federation.subgraphs.credential.url))).json();
    expect(jwks.keys).toHaveLength(1);
    expect(jwks.keys[0]).toMatchObject({ kty: 'OKP', crv: 'Ed25519', alg: 'EdDSA', use: 'sig' });
    expect(jwks.keys[0].d).toBeUndefined();
  });
});

describe('a password hash cheaper than the configured cost', () => {
  // Hashes carry their cost; a login hashed cheaply (by an older release, or a lower setting) is
  // brought to the configured cost by its next sign-in, the only moment its password is known.
  const costOf = (hash: string) => Number(/^\$scrypt\$ln=(\d+),/.exec(hash)?.[1]);

  it("is rehashed at the configured cost by the contact's next sign-in, not by a wrong password", async () => {
    const db = federation.subgraphs.credential.dataSource;
    const { email } = await signedInContact(federation, '42061', [ContactType.PAYROLL], 'rehash@test.example');
    const stored = async () =>
      (
        await db.query(
          'SELECT s.passwordHash FROM account_secret s JOIN self_service_account a ON a.essId = s.essId WHERE a.userName = ?',
          [email],
        )
      )[0].passwordHash as string;
    const [{ essId }] = await db.query('SELECT essId FROM self_service_account WHERE userName = ?', [email]);
    await db.query('UPDATE account_secret SET passwordHash = ? WHERE essId = ?', [
      await hashPassword(PASSWORD, 4),
      essId,
    ]);

    expect((await ask(LOGIN, { u: email, p: 'not the password at all' })).errors).toBeDefined();
    expect(costOf(await stored())).toBe(4);
    expect((await ask(LOGIN, { u: email, p: PASSWORD })).errors).toBeUndefined();
    expect(costOf(await stored())).toBe(federation.passwordHashCost);
    expect(federation.passwordHashCost).toBeGreaterThan(4);
    // The new hash is of the same password: the next sign-in opens with it, and leaves it as it is.
    const upgraded = await stored();
    expect((await ask(LOGIN, { u: email, p: PASSWORD })).errors).toBeUndefined();
    expect(await stored()).toBe(upgraded);
  });

  it("is rehashed at the configured cost by a staff member's next sign-in", async () => {
    const db = federation.subgraphs.credential.dataSource;
    const { email, password } = await staffLogin(federation, 'rehash.staff@test.example');
    const stored = async () =>
      (await db.query('SELECT passwordHash FROM staff_account WHERE email = ?', [email]))[0].passwordHash as string;
    await db.query('UPDATE staff_account SET passwordHash = ? WHERE email = ?', [
      await hashPassword(password, 4),
      email,
    ]);

    expect((await ask(LOGIN, { u: email, p: 'not the password at all' })).errors).toBeDefined();
    expect(costOf(await stored())).toBe(4);
    expect((await ask(LOGIN, { u: email, p: password })).errors).toBeUndefined();
    expect(costOf(await stored())).toBe(federation.passwordHashCost);
    expect((await ask(LOGIN, { u: email, p: password })).errors).toBeUndefined();
  });
});

describe('secrets', () => {
  it('appear in no response and no log line: password hashes, refresh-token hashes, passwords, tokens', async () => {
    const credential = federation.subgraphs.credential.dataSource;
    const hashes = [
      ...(await credential.query('SELECT passwordHash AS h FROM account_secret WHERE passwordHash IS NOT NULL')),
      ...(await credential.query('SELECT passwordHash AS h FROM staff_account')),
      ...(await credential.query('SELECT tokenHash AS h FROM refresh_token')),
    ].map((r: { h: string }) => r.h);
    expect(hashes.length).toBeGreaterThan(10);
    const logs = readFileSync(LOG_FILE, 'utf8');
    expect(logs).toMatch(/"msg":"operation"/); // the log did capture the suite's requests
    const everything = responses.join('\n');
    for (const secret of [...hashes, PASSWORD, TEST_STAFF.password]) {
      expect(everything.includes(secret) ? secret : 'absent').toBe('absent');
      expect(logs.includes(secret) ? secret : 'absent').toBe('absent');
    }
    for (const token of responses.flatMap((r) =>
      [...r.matchAll(/"(?:accessToken|refreshToken)":"([^"]+)"/g)].map((m) => m[1]),
    )) {
      expect(logs.includes(token) ? 'token in logs' : 'absent').toBe('absent');
    }
  });
});
