import { randomBytes, randomUUID } from 'node:crypto';
import { ContactType } from '@ecg/policy';
import { purgeExpired } from '@ecg/credential';
import { purgeStaleRateLimits } from '@ecg/infrastructure';
import { startFederation, type Federation, type GraphQLResponse } from './support/federation';
import { contactInput, createContact, giveLogin, PASSWORD, signedInContact } from './support/people';
import { codeAt, wrongCodeFor } from './support/second-factor';
import { softwareAuthenticator } from './support/software-authenticator';
import { startSmtp } from './support/smtp';

// The step-up gate through the gateway on MariaDB with real SMTP: every change of how a login
// proves itself needs fresh proof of a factor it has, is refused while locked, rate-limited per
// login, counts a wrong proof toward the lockout, and mails the owner after it.
jest.setTimeout(120_000);
let federation: Federation;
let smtp: Awaited<ReturnType<typeof startSmtp>>;
const PER_USER_LIMIT = 8;

beforeAll(async () => {
  smtp = await startSmtp();
  federation = await startFederation('stepup', {
    SMTP_URL: smtp.url(),
    MAIL_POLL_MILLISECONDS: '100',
    INTERNAL_NETWORKS: '10.0.0.0/8',
    LOCKOUT_INTERNET_ATTEMPTS: '3',
    LOGIN_LIMIT_PER_USER: String(PER_USER_LIMIT),
  });
});
afterAll(async () => {
  await federation?.stop();
  await smtp?.stop();
});

const LOGIN = `mutation ($u: String!, $p: String!) { login(userName: $u, password: $p) { accessToken secondFactorChallenge } }`;
const VERIFY = `mutation ($c: String!, $code: String) { verifySecondFactor(challenge: $c, code: $code) { accessToken } }`;
const PROOF_VARS = '$p: String, $code: String, $r: String, $k: String, $s: String';
const PROOF_ARGS = 'currentPassword: $p, currentCode: $code, recoveryCode: $r, passkey: $k, stepUpToken: $s';
const START_STEP_UP = 'mutation { startStepUp { token options kinds } }';
const START_PASSKEY = `mutation (${PROOF_VARS}) { startPasskeyRegistration(${PROOF_ARGS}) { token options } }`;
const FINISH_PASSKEY =
  'mutation ($t: String!, $r: String!, $n: String!, $w: Boolean) { finishPasskeyRegistration(token: $t, response: $r, name: $n, passwordless: $w) { id name } }';
const CHANGE_PASSWORD = `mutation ($c: String!, $n: String!) { changePassword(currentPassword: $c, newPassword: $n) { accessToken } }`;
const CONFIRM_TOTP = 'mutation ($code: String!) { confirmTotpEnrolment(code: $code) { codes } }';

const unique = () => randomBytes(4).toString('hex');
const ok = <T = any>(r: GraphQLResponse<T>): T => {
  if (r.errors) throw new Error(JSON.stringify(r.errors));
  return r.data!;
};
const codeOf = (r: GraphQLResponse) => r.errors?.[0]?.extensions?.code;
const staffQuery = async (query: string, variables: Record<string, unknown>) =>
  federation.query(query, variables, { token: await federation.staffToken() });
const panelOf = async (contactId: string) =>
  ok(
    await staffQuery(
      'query ($id: ID!) { contact(id: $id) { selfService { status unsuccessfulAttemptsSinceLastSuccess secondFactorSet secondFactorKinds } } }',
      { id: contactId },
    ),
  ).contact.selfService;

/** A signed-in person of 42061: no second factor yet, or an authenticator when asked. */
async function person(withAuthenticator = false) {
  const email = `step.up.${unique()}@county.xorg`;
  const contactId = await createContact(
    federation,
    '42061',
    contactInput('Step', 'Up', email, [ContactType.READ_ONLY]),
  );
  await giveLogin(federation, contactId, '42061', email);
  let token = ok(await federation.query(LOGIN, { u: email, p: PASSWORD })).login.accessToken as string;
  const found = {
    email,
    contactId,
    token,
    secret: null as string | null,
    codes: [] as string[],
    device: null as null | ReturnType<typeof softwareAuthenticator>,
    passkeyId: null as string | null,
  };
  if (!withAuthenticator) return found;
  const { secret } = ok(
    await federation.query(CHANGES.startTotpEnrolment.document, { p: PASSWORD }, { token }),
  ).startTotpEnrolment;
  const { codes } = ok(await federation.query(CONFIRM_TOTP, { code: codeAt(secret) }, { token })).confirmTotpEnrolment;
  const challenge = ok(await federation.query(LOGIN, { u: email, p: PASSWORD })).login.secondFactorChallenge;
  token = ok(await federation.query(VERIFY, { c: challenge, code: codeAt(secret, 1) })).verifySecondFactor.accessToken;
  return { ...found, token, secret: secret as string | null, codes: codes as string[] };
}
type Person = Awaited<ReturnType<typeof person>>;

/** A passkey added through the step-up gate with `proof`, made by `device`; its id. */
async function addPasskey(
  p: Person,
  device: ReturnType<typeof softwareAuthenticator>,
  proof: Record<string, string>,
  name: string,
): Promise<string> {
  const started = ok(await federation.query(START_PASSKEY, proof, { token: p.token })).startPasskeyRegistration;
  const finished = ok(
    await federation.query(
      FINISH_PASSKEY,
      { t: started.token, r: device.create(started.options), n: name, w: false },
      { token: p.token },
    ),
  ).finishPasskeyRegistration;
  return finished.id as string;
}

/** A signed-in person whose only factor is a passkey on a device of their own (no recovery codes come with one). */
async function personWithPasskey(name = 'Work laptop') {
  const p = await person();
  const device = softwareAuthenticator();
  const passkeyId = await addPasskey(p, device, { p: PASSWORD }, name);
  return { ...p, device, passkeyId };
}

/** A passkey's proof: its device's answer to a fresh startStepUp, with that ceremony's token. */
async function passkeyProof(p: Person) {
  const { token, options } = ok(await federation.query(START_STEP_UP, {}, { token: p.token })).startStepUp;
  return { k: p.device!.get(options), s: token as string };
}

/**
 * The right proof for the person: the passkey, else the password before a second factor, else a
 * recovery code (the app's codes up to the next step were spent by the sign-in: each works once).
 */
const rightProof = async (p: Person): Promise<Record<string, string>> =>
  p.device ? passkeyProof(p) : p.secret ? { r: p.codes[0] } : { p: PASSWORD };
/** A wrong one of the same kind: a passkey's answer to another ceremony than the one it is sent with, a wrong code or password. */
const wrongProof = async (p: Person): Promise<Record<string, string>> => {
  if (p.device) {
    const { k } = await passkeyProof(p);
    return { k, s: (await passkeyProof(p)).s };
  }
  return p.secret ? { code: wrongCodeFor(p.secret) } : { p: 'not the password at all' };
};

/** Each change of factors through the gate: who it is tried on, and what the owner reads once it is done. */
const CHANGES: Record<
  string,
  { document: string; setUp: () => Promise<Person>; vars?: (p: Person) => Record<string, unknown>; mail?: string }
> = {
  startPasskeyRegistration: { document: START_PASSKEY, setUp: () => person() },
  startTotpEnrolment: {
    document: `mutation (${PROOF_VARS}) { startTotpEnrolment(${PROOF_ARGS}) { secret } }`,
    setUp: () => person(),
  },
  regenerateRecoveryCodes: {
    document: `mutation (${PROOF_VARS}) { regenerateRecoveryCodes(${PROOF_ARGS}) { codes } }`,
    setUp: () => person(true),
    mail: 'New recovery codes were made for your login',
  },
  removePasskey: {
    document: `mutation ($id: ID!, ${PROOF_VARS}) { removePasskey(id: $id, ${PROOF_ARGS}) }`,
    setUp: () => personWithPasskey(),
    vars: (p) => ({ id: p.passkeyId }),
    mail: 'The passkey named "Work laptop" was removed from your login.',
  },
  removeAuthenticator: {
    document: `mutation (${PROOF_VARS}) { removeAuthenticator(${PROOF_ARGS}) }`,
    setUp: () => person(true),
    mail: 'The authenticator app was removed from your login; its codes no longer work, and with no second factor left your recovery codes were removed too.',
  },
};

describe.each(Object.entries(CHANGES))('%s', (name, { document, setUp, vars = () => ({}), mail }) => {
  const change = (p: Person, proof: Record<string, string>) =>
    federation.query(document, { ...vars(p), ...proof }, { token: p.token });

  it('no proof: STEP_UP_REQUIRED, nothing changes', async () => {
    const p = await setUp();
    const answer = await change(p, {});
    expect(codeOf(answer)).toBe('STEP_UP_REQUIRED');
    expect(answer.data?.[name] ?? null).toBeNull();
    if (p.secret || p.device) {
      // With a second factor, the password is not proof enough: the factor is there for when the password is known.
      expect(codeOf(await change(p, { p: PASSWORD }))).toBe('STEP_UP_REQUIRED');
    }
  });

  it('a wrong proof is refused and counted toward the lockout; the third locks, and then even the right proof is refused', async () => {
    const p = await setUp();
    for (let i = 1; i <= 3; i++) {
      const answer = await change(p, await wrongProof(p));
      expect(answer.data?.[name] ?? null).toBeNull();
      expect(['UNAUTHENTICATED', 'BAD_USER_INPUT']).toContain(codeOf(answer));
      if (i < 3) expect((await panelOf(p.contactId)).unsuccessfulAttemptsSinceLastSuccess).toBe(i);
    }
    expect((await panelOf(p.contactId)).status).toBe('LOCKED');
    expect(codeOf(await change(p, await rightProof(p)))).toBe('ACCOUNT_LOCKED');
  });

  it('rate-limited per login like sign-in: past the limit, even the right proof waits', async () => {
    const p = await setUp();
    // The sign-ins of the set-up spent some of the login's minute already; proofless tries spend the rest.
    let answer: GraphQLResponse = {};
    for (let i = 0; i < PER_USER_LIMIT + 1 && codeOf(answer) !== 'RATE_LIMITED'; i++) answer = await change(p, {});
    expect(codeOf(answer)).toBe('RATE_LIMITED');
    expect(codeOf(await change(p, await rightProof(p)))).toBe('RATE_LIMITED');
  });

  it('the right proof lets it through, and the owner is mailed after the change', async () => {
    const p = await setUp();
    const answer = await change(p, await rightProof(p));
    expect(answer.errors).toBeUndefined();
    if (mail) {
      const sent = await smtp.waitForText(p.email, mail);
      expect(sent?.subject).toMatch(/changed how it signs in/);
      expect(sent?.text).toMatch(/If it was not you, .*reset your password now/s);
    }
  });
});

describe('a change finished minutes after its proof', () => {
  /** Three wrong passwords given as proof for another change lock the login (LOCKOUT_INTERNET_ATTEMPTS). */
  const lockByWrongProofs = async (p: Person) => {
    for (let i = 0; i < 3; i++)
      await federation.query(
        CHANGES.regenerateRecoveryCodes.document,
        { p: 'not the password at all' },
        { token: p.token },
      );
    expect((await panelOf(p.contactId)).status).toBe('LOCKED');
  };

  it('a passkey whose registration started before the login locked is not added: ACCOUNT_LOCKED', async () => {
    const p = await person();
    const device = softwareAuthenticator();
    const started = ok(
      await federation.query(START_PASSKEY, { p: PASSWORD }, { token: p.token }),
    ).startPasskeyRegistration;
    await lockByWrongProofs(p);
    const finished = await federation.query(
      FINISH_PASSKEY,
      { t: started.token, r: device.create(started.options), n: 'Added while locked', w: true },
      { token: p.token },
    );
    expect(codeOf(finished)).toBe('ACCOUNT_LOCKED');
    expect(await panelOf(p.contactId)).toMatchObject({ secondFactorSet: false, secondFactorKinds: [] });
  });

  it('an authenticator whose enrolment started before the login locked is not confirmed: ACCOUNT_LOCKED', async () => {
    const p = await person();
    const { secret } = ok(
      await federation.query(CHANGES.startTotpEnrolment.document, { p: PASSWORD }, { token: p.token }),
    ).startTotpEnrolment;
    await lockByWrongProofs(p);
    const confirmed = await federation.query(CONFIRM_TOTP, { code: codeAt(secret) }, { token: p.token });
    expect(codeOf(confirmed)).toBe('ACCOUNT_LOCKED');
    expect(confirmed.data?.confirmTotpEnrolment ?? null).toBeNull();
    expect(await panelOf(p.contactId)).toMatchObject({ secondFactorSet: false, secondFactorKinds: [] });
  });
});

describe('what a new password leaves on the login', () => {
  it('a password reset mail names the passkeys that stay', async () => {
    const p = await personWithPasskey('Work laptop');
    await addPasskey(p, p.device, await passkeyProof(p), 'Phone');
    ok(
      await federation.query('mutation ($u: String!) { requestPasswordReset(userName: $u) { message } }', {
        u: p.email,
      }),
    );
    const mail = await smtp.waitForText(p.email, 'reset-password?token=');
    expect(mail?.text).toContain(
      'A new password does not remove your passkeys. These stay on your login: "Work laptop", "Phone".',
    );
  });

  it('a re-enroll mail says that no passkey stays: the second factors went with the old password', async () => {
    const p = await personWithPasskey('Old laptop');
    ok(await staffQuery('mutation ($id: ID!) { reEnroll(contactId: $id) { status } }', { id: p.contactId }));
    const mail = await smtp.waitForText(p.email, 'Temporary password:');
    expect(mail?.text).toContain(
      'Your second factors were removed too (authenticator app, recovery codes, passkeys): no passkey stays on your login.',
    );
    expect(mail?.text).not.toContain('Old laptop');
    expect(await panelOf(p.contactId)).toMatchObject({ secondFactorKinds: [] });
  });
});

it('a new authenticator is mailed once confirmed; a password change is mailed; neither mail carries a secret', async () => {
  const p = await person();
  const { secret } = ok(
    await federation.query(CHANGES.startTotpEnrolment.document, { p: PASSWORD }, { token: p.token }),
  ).startTotpEnrolment;
  const { codes } = ok(
    await federation.query(CONFIRM_TOTP, { code: codeAt(secret) }, { token: p.token }),
  ).confirmTotpEnrolment;
  const [setUpMail] = await smtp.waitForSubject(p.email, /changed how it signs in/);
  expect(setUpMail.text).toContain('An authenticator app was set up for your login');
  for (const secretValue of [secret, ...codes]) expect(setUpMail.text).not.toContain(secretValue);

  const other = await person();
  const wrong = await federation.query(
    CHANGE_PASSWORD,
    { c: 'not the password', n: 'a brand new passphrase 42' },
    {
      token: other.token,
    },
  );
  expect(wrong.errors?.[0].extensions).toMatchObject({ invalidFields: [{ field: 'currentPassword' }] });
  expect((await panelOf(other.contactId)).unsuccessfulAttemptsSinceLastSuccess).toBe(1);
  ok(await federation.query(CHANGE_PASSWORD, { c: PASSWORD, n: 'a brand new passphrase 42' }, { token: other.token }));
  const [changed] = await smtp.waitForSubject(other.email, /changed how it signs in/);
  expect(changed.text).toContain('The password of your login was changed.');
  expect(changed.text).not.toContain('a brand new passphrase 42');
});

it('the authenticator accepts one step of skew, never two', async () => {
  const p = await person(true);
  // Two tries: a third wrong code would lock the login.
  for (const offset of [-2, 2]) {
    const answer = await federation.query(
      CHANGES.regenerateRecoveryCodes.document,
      { code: codeAt(p.secret!, offset) },
      {
        token: p.token,
      },
    );
    expect(codeOf(answer)).toBe('UNAUTHENTICATED');
  }
});

it("a linked registration shows another organization nothing of the person's factors until the person acts there", async () => {
  const p = await person(true);
  expect(await panelOf(p.contactId)).toMatchObject({ secondFactorSet: true });
  // Staff act as 01001's administrator would: a contact with the same email, registered (linked, not confirmed).
  const linked = await createContact(
    federation,
    '01001',
    contactInput('Step', 'Linked', p.email, [ContactType.READ_ONLY]),
  );
  ok(await staffQuery('mutation ($id: ID!) { register(contactId: $id) { status } }', { id: linked }));
  expect(await panelOf(linked)).toMatchObject({ secondFactorSet: false, secondFactorKinds: [] });
  // Nor through the list a Password Reset Only contact of 01001 finds logins in.
  const resetOnly = await signedInContact(
    federation,
    '01001',
    [ContactType.PASSWORD_RESET_ONLY],
    `reset.only.${unique()}@school.xorg`,
  );
  const found = ok(
    await federation.query(
      'query ($s: String!) { organizationLogins(search: $s) { items { contactId account { secondFactorSet secondFactorKinds } } } }',
      { s: p.email },
      { token: resetOnly.token },
    ),
  ).organizationLogins.items;
  expect(found).toEqual([{ contactId: linked, account: { secondFactorSet: false, secondFactorKinds: [] } }]);
});

describe('purge', () => {
  it('removes expired one-time tokens and stale rate-limit rows in bounded batches, and nothing live', async () => {
    const db = federation.subgraphs.credential.dataSource;
    const marker = unique();
    const rows = (expiresAt: Date, n: number) =>
      Array.from({ length: n }, () => [
        randomUUID(),
        `${marker}${randomBytes(26).toString('hex')}`,
        1,
        'CHOOSE',
        expiresAt,
      ]);
    const insert = async (values: unknown[][]) => {
      for (let i = 0; i < values.length; i += 500)
        await db.query(
          `INSERT INTO account_token (id, tokenHash, essId, purpose, expiresAt) VALUES ${values
            .slice(i, i + 500)
            .map(() => '(?, ?, ?, ?, ?)')
            .join(', ')}`,
          values.slice(i, i + 500).flat(),
        );
    };
    await insert(rows(new Date(Date.now() - 3 * 24 * 3600_000), 1200));
    await insert(rows(new Date(Date.now() + 3600_000), 5));
    const left = async () =>
      Number((await db.query('SELECT COUNT(*) AS n FROM account_token WHERE tokenHash LIKE ?', [`${marker}%`]))[0].n);
    await purgeExpired(db);
    expect(await left()).toBeGreaterThanOrEqual(5 + 200);
    await purgeExpired(db);
    expect(await left()).toBe(5);

    const old = Math.floor(Date.now() / 1000) - 3 * 3600;
    await db.query(
      'INSERT INTO rate_limit (bucket, windowStart, hits, previousHits) VALUES (?, ?, 1, 0), (?, ?, 1, 0)',
      [`old:${marker}`, String(old), `new:${marker}`, String(Math.floor(Date.now() / 1000))],
    );
    await purgeStaleRateLimits(db);
    const buckets = (await db.query('SELECT bucket FROM rate_limit WHERE bucket LIKE ?', [`%:${marker}`])).map(
      (r: { bucket: string }) => r.bucket,
    );
    expect(buckets).toEqual([`new:${marker}`]);
  });
});
