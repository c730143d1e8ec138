import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { startFederation, TEST_STAFF, type Federation } from './support/federation';
import { organizationId, PASSWORD } from './support/people';
import { provisioningToken, scimClient } from './support/scim';
import { readSecrets, secretsIn, type SecretKind } from './support/secrets';
import { LOGIN, REFRESH, RESET, selfServiceFlows, type Smtp } from './support/self-service-flows';
import { startSmtp } from './support/smtp';
import { Secret, TOTP } from 'otpauth';

// Runs last (its own jest project, after all others: test/support/run-suite.js) and reads what every service of the whole
// suite logged. It looks for the literal value of every secret the suite handled (collected by
// test/support/secrets.ts from the requests, answers and mails of every test), and for their
// formats. It first runs every secret-bearing step itself, so alone it checks something too.
let federation: Federation;
let smtp: Smtp;
let stopped = false;

beforeAll(async () => {
  smtp = await startSmtp();
  federation = await startFederation('logaudit', {
    SMTP_URL: smtp.url(),
    MAIL_POLL_MILLISECONDS: '100',
    MAIL_RETRY_MAX_SECONDS: '1',
  });
});
afterAll(async () => {
  if (!stopped) await federation?.stop();
  await smtp?.stop();
});

/** Register, first sign-in, change, a wrong guess, reset, refresh, logout: every kind of secret, logged or not. */
async function handleEverySecret() {
  const flow = selfServiceFlows(federation, smtp);
  const person = await flow.enrolled('audited.person@county.xorg', 'the audited persons passphrase');
  await flow.login(person.email, 'an audited wrong guess');
  const link = await flow.resetLink(person.email);
  expect((await federation.query(RESET, { t: link, n: 'the audited reset passphrase' })).errors).toBeUndefined();
  const session = (await flow.login(person.email, 'the audited reset passphrase')).data.login;
  const renewed = await federation.query(REFRESH, { r: session.refreshToken });
  expect(renewed.errors).toBeUndefined();
  await federation.query('mutation ($r: String!) { logout(refreshToken: $r) }', {
    r: renewed.data.refreshToken.refreshToken,
  });
  expect((await federation.query(LOGIN, { u: TEST_STAFF.email, p: TEST_STAFF.password })).errors).toBeUndefined();
  await handleSecondFactorSecrets(person.email, 'the audited reset passphrase');
  await handleProvisioningToken();
}

/** A provisioning token: made, used for SCIM (a read, a refused write), revoked. */
async function handleProvisioningToken() {
  const organization = await organizationId(federation, '42061');
  const { id, token } = await provisioningToken(federation, organization, 'Audited directory');
  const scim = scimClient(federation, token);
  expect((await scim('GET', '/Users?count=1')).status).toBe(200);
  expect((await scim('POST', '/Users', { userName: 'no-name@county.xorg' })).status).toBe(400);
  const revoked = await federation.query(
    'mutation ($id: ID!) { revokeProvisioningToken(id: $id) { id } }',
    { id },
    {
      token: await federation.staffToken(),
    },
  );
  expect(revoked.errors).toBeUndefined();
  expect((await scim('GET', '/Users')).status).toBe(401);
}

/** An authenticator's secret, its codes (a wrong one too), recovery codes and the second step's challenge. */
async function handleSecondFactorSecrets(email: string, password: string) {
  const signIn = () =>
    federation.query(
      'mutation ($u: String!, $p: String!) { login(userName: $u, password: $p) { accessToken secondFactorChallenge } }',
      { u: email, p: password },
    );
  const verify = (c: string, code: string | null, r: string | null) =>
    federation.query(
      'mutation ($c: String!, $code: String, $r: String) { verifySecondFactor(challenge: $c, code: $code, recoveryCode: $r) { accessToken } }',
      { c, code, r },
    );
  const token = (await signIn()).data.login.accessToken;
  const { secret } = (
    await federation.query(
      'mutation ($p: String) { startTotpEnrolment(currentPassword: $p) { secret otpauthUri qrCodeSvg } }',
      { p: password },
      { token },
    )
  ).data.startTotpEnrolment;
  const codeAt = (offset: number) =>
    new TOTP({ secret: Secret.fromBase32(secret), digits: 6, period: 30 }).generate({
      timestamp: Date.now() + offset * 30_000,
    });
  const confirmed = await federation.query(
    'mutation ($code: String!) { confirmTotpEnrolment(code: $code) { codes } }',
    { code: codeAt(0) },
    { token },
  );
  const [recoveryCode] = confirmed.data.confirmTotpEnrolment.codes;
  const challenge = (await signIn()).data.login.secondFactorChallenge;
  const wrong = ['111111', '222222', '333333'].find((c) => ![-1, 0, 1].some((o) => codeAt(o) === c))!;
  expect((await verify(challenge, wrong, null)).errors?.[0].extensions?.code).toBe('UNAUTHENTICATED');
  expect((await verify(challenge, codeAt(1), null)).errors).toBeUndefined();
  expect((await verify((await signIn()).data.login.secondFactorChallenge, null, recoveryCode)).errors).toBeUndefined();
}

it('the logs of the whole suite hold none of the secrets it handled', async () => {
  await handleEverySecret();
  await federation.stop();
  stopped = true;
  const logs = readFileSync(resolve(__dirname, '../test-output/suite.log'), 'utf8');
  expect(logs.split('\n').filter((line) => line.includes('"msg":"operation"')).length).toBeGreaterThan(10);

  const secrets = readSecrets();
  const kinds: SecretKind[] = [
    'password',
    'temporary password',
    'link token',
    'access token',
    'refresh token',
    'totp secret',
    'authenticator code',
    'recovery code',
    'second factor challenge',
    'provisioning token',
  ];
  expect(kinds.filter((kind) => !secrets.some((s) => s.kind === kind))).toEqual([]);
  expect(secrets.map((s) => s.value)).toEqual(
    expect.arrayContaining([TEST_STAFF.password, 'the audited reset passphrase']),
  );
  // The search finds what it looks for, wherever a log line would put it.
  const samples = kinds.map((kind) => secrets.find((s) => s.kind === kind)!);
  expect(secretsIn(samples.map((s) => `{"msg":"x","v":"${s.value}"} token=${s.value}&`).join('\n'), samples)).toEqual(
    samples,
  );
  // Found: kind and the first characters only, so the report does not print the secret either.
  expect(secretsIn(logs, secrets).map((s) => `${s.kind} ${s.value.slice(0, 4)}…`)).toEqual([]);

  const formats = [
    [/eyJ[\w-]{10,}\.[\w-]{10,}\.[\w-]*/, 'an access token'],
    [/\$scrypt\$/, 'a password hash'],
    [/PRIVATE KEY/, 'a signing key'],
    [/Temporary password: /, 'a temporary password mail'],
    [/token=[\w-]{20,}/, 'a one-time link'],
    [new RegExp(PASSWORD), "the fixtures' password"],
    [/"(password|newPassword|currentPassword|refreshToken)":"[^"[]/, 'a credential argument'],
    [/otpauth:\/\//, 'an authenticator URI'],
    [
      /"(recoveryCode|currentCode|secondFactorChallenge|secondFactorEnrolmentChallenge|secret|pendingTotpSecret|totpSecret)":"[^"[]/,
      'a second-factor argument or column',
    ],
  ] as const;
  expect(formats.filter(([pattern]) => pattern.test(logs)).map(([, what]) => what)).toEqual([]);
});
