import type { Browser, Page } from 'playwright-core';
import { ContactType } from '@ecg/policy';
import { startFederation, type Federation } from './support/federation';
import { contactInput, createContact, createOrganization, giveLogin, PASSWORD } from './support/people';
import { launchChromium } from './support/web-browser';

// Passkeys through the gateway, made and used by Chromium's virtual authenticator (the
// DevTools WebAuthn domain) on a page of the default relying party's origin (http://localhost:4000,
// WEBAUTHN_ORIGIN's default), which playwright answers itself: the API alone, without the web app.
jest.setTimeout(120_000);
let federation: Federation;
let browser: Browser;
let page: Page;
const ORIGIN = 'http://localhost:4000';

beforeAll(async () => {
  federation = await startFederation('passkey');
  browser = await launchChromium();
  page = await deviceWithAuthenticator();
}, 120_000);

/** A tab of the relying party's origin with its own virtual authenticator (each tab has its own): one device. */
async function deviceWithAuthenticator(): Promise<Page> {
  const tab = await browser.newPage();
  await tab.route(`${ORIGIN}/**`, (route) =>
    route.fulfill({ contentType: 'text/html', body: '<!doctype html><title>relying party</title>' }),
  );
  await tab.goto(`${ORIGIN}/`);
  const cdp = await tab.context().newCDPSession(tab);
  await cdp.send('WebAuthn.enable');
  await cdp.send('WebAuthn.addVirtualAuthenticator', {
    options: {
      protocol: 'ctap2',
      transport: 'internal',
      hasResidentKey: true,
      hasUserVerification: true,
      isUserVerified: true,
    },
  });
  return tab;
}
afterAll(async () => {
  await browser?.close();
  await federation?.stop();
});

/** navigator.credentials.create or .get with the server's JSON options; the credential as the JSON the server reads. */
const ceremony = (kind: 'create' | 'get', optionsJson: string, device: Page = page) =>
  device.evaluate(
    async ([kind, optionsJson]) => {
      const bytes = (b64url: string) =>
        Uint8Array.from(
          atob(
            b64url
              .replace(/-/g, '+')
              .replace(/_/g, '/')
              .padEnd(Math.ceil(b64url.length / 4) * 4, '='),
          ),
          (c) => c.charCodeAt(0),
        );
      const text = (buffer: ArrayBuffer) =>
        btoa(String.fromCharCode(...new Uint8Array(buffer)))
          .replace(/\+/g, '-')
          .replace(/\//g, '_')
          .replace(/=+$/, '');
      const options = JSON.parse(optionsJson);
      options.challenge = bytes(options.challenge);
      if (options.user) options.user.id = bytes(options.user.id);
      for (const list of [options.excludeCredentials, options.allowCredentials])
        for (const c of list ?? []) c.id = bytes(c.id);
      const credential = (
        kind === 'create'
          ? await navigator.credentials.create({ publicKey: options })
          : await navigator.credentials.get({ publicKey: options })
      ) as PublicKeyCredential;
      const response = credential.response as AuthenticatorAttestationResponse & AuthenticatorAssertionResponse;
      return JSON.stringify({
        id: credential.id,
        rawId: text(credential.rawId),
        type: credential.type,
        clientExtensionResults: credential.getClientExtensionResults(),
        authenticatorAttachment: credential.authenticatorAttachment,
        response:
          kind === 'create'
            ? {
                clientDataJSON: text(response.clientDataJSON),
                attestationObject: text(response.attestationObject),
                transports: response.getTransports(),
              }
            : {
                clientDataJSON: text(response.clientDataJSON),
                authenticatorData: text(response.authenticatorData),
                signature: text(response.signature),
                userHandle: response.userHandle ? text(response.userHandle) : undefined,
              },
      });
    },
    [kind, optionsJson] as const,
  );

const LOGIN =
  'mutation ($u: String!, $p: String!) { login(userName: $u, password: $p) { accessToken secondFactorRequired secondFactorChallenge secondFactorKinds secondFactorPasskeyOptions } }';
const VERIFY =
  'mutation ($c: String!, $k: String) { verifySecondFactor(challenge: $c, passkey: $k) { accessToken refreshToken internetAccessRequestToken } }';
const REGISTER =
  'mutation ($t: String!, $r: String!, $n: String!, $p: Boolean) { finishPasskeyRegistration(token: $t, response: $r, name: $n, passwordless: $p) { id name passwordless } }';

const START_REGISTRATION =
  'mutation ($p: String, $k: String, $s: String) { startPasskeyRegistration(currentPassword: $p, passkey: $k, stepUpToken: $s) { token options } }';
const REMOVE =
  'mutation ($id: ID!, $p: String, $k: String, $s: String) { removePasskey(id: $id, currentPassword: $p, passkey: $k, stepUpToken: $s) }';

/** The step-up proof a change of factors needs: the password before any second factor, then a passkey of `device`. */
async function stepUp(token: string, device: Page = page): Promise<{ p?: string; k?: string; s?: string }> {
  const started = (await federation.query('mutation { startStepUp { token options kinds } }', {}, { token })).data
    .startStepUp;
  if (started.kinds.includes('PASSWORD')) return { p: PASSWORD };
  return { k: await ceremony('get', started.options, device), s: started.token };
}

async function startRegistration(token: string) {
  return (await federation.query(START_REGISTRATION, await stepUp(token), { token })).data.startPasskeyRegistration;
}

async function registerPasskey(token: string, name: string, passwordless: boolean, device: Page = page) {
  const started = await startRegistration(token);
  const finished = await federation.query(
    REGISTER,
    { t: started.token, r: await ceremony('create', started.options, device), n: name, p: passwordless },
    { token },
  );
  expect(finished.errors).toBeUndefined();
  return finished.data.finishPasskeyRegistration;
}

it('registers named passkeys, signs in with password plus passkey and with a passwordless passkey alone, renames and removes them', async () => {
  const email = 'passkey.person@county.xorg';
  const id = await createContact(
    federation,
    '42061',
    contactInput('Passkey', 'Person', email, [ContactType.READ_ONLY]),
  );
  await giveLogin(federation, id, '42061', email);
  const token = await federation.login(email, PASSWORD);

  const laptop = await registerPasskey(token, 'Work laptop', true);
  expect(laptop).toMatchObject({ name: 'Work laptop', passwordless: true });
  // The same device again is refused by the browser (the options exclude the passkeys the person has).
  const again = await startRegistration(token);
  await expect(ceremony('create', again.options)).rejects.toThrow(/InvalidStateError/);
  // A second device; its registration answer is good once: its ceremony token is spent.
  const phone = await deviceWithAuthenticator();
  const started = await startRegistration(token);
  const answer = await ceremony('create', started.options, phone);
  expect(
    (await federation.query(REGISTER, { t: started.token, r: answer, n: 'Phone', p: false }, { token })).errors,
  ).toBeUndefined();
  // Registered as a second factor only: it never signs in alone, whatever the device offers.
  const phoneAlone = (await federation.query('mutation { startPasskeySignIn { token options } }')).data
    .startPasskeySignIn;
  const phoneTry = await federation.query(
    'mutation ($t: String!, $r: String!) { signInWithPasskey(token: $t, response: $r) { accessToken internetAccessRequestToken } }',
    { t: phoneAlone.token, r: await ceremony('get', phoneAlone.options, phone) },
  );
  expect(phoneTry.errors?.[0].extensions?.code).toBe('UNAUTHENTICATED');
  expect(phoneTry.data?.signInWithPasskey ?? null).toBeNull();
  await phone.close();
  expect(
    (await federation.query(REGISTER, { t: started.token, r: answer, n: 'Again', p: false }, { token })).errors?.[0]
      .extensions?.code,
  ).toBe('INVALID_TOKEN');
  const mine = (await federation.query('{ me { passkeys { id name passwordless lastUsedAt } } }', {}, { token })).data
    .me.passkeys;
  expect(mine.map((p: { name: string }) => p.name)).toEqual(['Work laptop', 'Phone']);

  // Password, then the passkey, signed over this sign-in's challenge.
  const step = (await federation.query(LOGIN, { u: email, p: PASSWORD })).data.login;
  expect(step).toMatchObject({ accessToken: null, secondFactorRequired: true, secondFactorKinds: ['PASSKEY'] });
  const assertion = await ceremony('get', step.secondFactorPasskeyOptions);
  const signedIn = (await federation.query(VERIFY, { c: step.secondFactorChallenge, k: assertion })).data
    .verifySecondFactor;
  expect(signedIn.accessToken).toEqual(expect.any(String));
  // The same answer for another sign-in is refused (and counted): it signed the first challenge.
  const next = (await federation.query(LOGIN, { u: email, p: PASSWORD })).data.login;
  expect(
    (await federation.query(VERIFY, { c: next.secondFactorChallenge, k: assertion })).errors?.[0].extensions,
  ).toMatchObject({ code: 'UNAUTHENTICATED', invalidFields: [{ field: 'passkey' }] });
  // A fresh answer, never used, signed over one sign-in's challenge, does not open another: the
  // challenge is checked (synced passkeys often keep no counter to catch it otherwise).
  const signedOverA = await ceremony(
    'get',
    (await federation.query(LOGIN, { u: email, p: PASSWORD })).data.login.secondFactorPasskeyOptions,
  );
  const b = (await federation.query(LOGIN, { u: email, p: PASSWORD })).data.login;
  const crossed = await federation.query(VERIFY, { c: b.secondFactorChallenge, k: signedOverA });
  expect(crossed.errors?.[0].extensions).toMatchObject({
    code: 'UNAUTHENTICATED',
    invalidFields: [{ field: 'passkey' }],
  });
  expect(crossed.data?.verifySecondFactor ?? null).toBeNull();

  // The passkey alone, no password.
  const alone = (await federation.query('mutation { startPasskeySignIn { token options } }')).data.startPasskeySignIn;
  const passwordless = await federation.query(
    'mutation ($t: String!, $r: String!) { signInWithPasskey(token: $t, response: $r) { accessToken refreshToken } }',
    { t: alone.token, r: await ceremony('get', alone.options) },
  );
  expect(passwordless.errors).toBeUndefined();
  const me = await federation.query(
    '{ me { contact { id } } }',
    {},
    { token: passwordless.data.signInWithPasskey.accessToken },
  );
  expect(me.data.me.contact.id).toBe(id);

  const staff = await federation.staffToken();
  const panel = await federation.query(
    'query ($id: ID!) { contact(id: $id) { selfService { secondFactorSet secondFactorKinds lastAuthenticationFailure securityEvents(pageSize: 30) { items { type } } } } }',
    { id },
    { token: staff },
  );
  expect(panel.data.contact.selfService).toMatchObject({
    secondFactorSet: true,
    secondFactorKinds: ['PASSKEY'],
    lastAuthenticationFailure: 'SECOND_FACTOR',
  });
  expect(panel.data.contact.selfService.securityEvents.items.map((e: { type: string }) => e.type)).toEqual(
    expect.arrayContaining(['PASSKEY_REGISTERED', 'PASSKEY_USED', 'PASSKEY_SIGN_IN', 'SECOND_FACTOR_FAILED']),
  );

  const [first, second] = mine;
  expect(
    (
      await federation.query(
        'mutation ($id: ID!, $n: String!) { renamePasskey(id: $id, name: $n) { name } }',
        { id: second.id, n: 'Old phone' },
        { token },
      )
    ).data.renamePasskey.name,
  ).toBe('Old phone');
  // A session alone removes nothing, nor does the password once a passkey is a second factor.
  for (const proof of [{}, { p: PASSWORD }]) {
    const refused = await federation.query(REMOVE, { id: second.id, ...proof }, { token });
    expect(refused.errors?.[0].extensions?.code).toBe('STEP_UP_REQUIRED');
  }
  // Each removal proves the laptop's passkey (the phone is gone): the phone's first, then the laptop's own.
  for (const passkey of [second, first])
    expect(
      (await federation.query(REMOVE, { id: passkey.id, ...(await stepUp(token)) }, { token })).data.removePasskey,
    ).toBe(true);
  expect(
    (await federation.query(REMOVE, { id: first.id, ...(await stepUp(token)) }, { token })).errors?.[0].extensions
      ?.code,
  ).toBe('NOT_FOUND');
  // Removed: the device still offers it, the server no longer takes it; sign-in needs the password alone again.
  const after = (await federation.query('mutation { startPasskeySignIn { token options } }')).data.startPasskeySignIn;
  const refused = await federation.query(
    'mutation ($t: String!, $r: String!) { signInWithPasskey(token: $t, response: $r) { accessToken internetAccessRequestToken } }',
    { t: after.token, r: await ceremony('get', after.options) },
  );
  expect(refused.errors?.[0].message).toBe('Invalid user name or password.');
  expect((await federation.query(LOGIN, { u: email, p: PASSWORD })).data.login).toMatchObject({
    secondFactorRequired: false,
    accessToken: expect.any(String),
  });
});

describe('the session gate on the passkey paths', () => {
  const INTERNET = { 'x-forwarded-for': '203.0.113.41' };
  let serial = 0;
  const credentialDb = () => federation.subgraphs.credential.dataSource;
  const setLogin = (status: string) => (essId: number) =>
    credentialDb().query('UPDATE self_service_account SET status = ? WHERE essId = ?', [status, essId]);
  /** Each condition, and what the passkey paths answer: like a wrong password, the condition's own code, or a session. */
  const CONDITIONS: [string, (essId: number, organizationId: string, contactId: string) => Promise<unknown>, string][] =
    [
      ['locked', setLogin('LOCKED'), 'UNAUTHENTICATED'],
      ['disabled', setLogin('DISABLED'), 'UNAUTHENTICATED'],
      [
        'contact inactive',
        (_e, _o, contactId) =>
          federation.subgraphs.contact.dataSource.query("UPDATE contact SET status = 'INACTIVE' WHERE id = ?", [
            contactId,
          ]),
        'UNAUTHENTICATED',
      ],
      [
        'internet access off, from the internet',
        (_e, organizationId) =>
          federation.subgraphs.organization.dataSource.query(
            'UPDATE organization SET automaticInternetAccess = 0 WHERE id = ?',
            [organizationId],
          ),
        // Every proof was right: the token to request internet access instead of a session.
        'REQUEST_TOKEN',
      ],
      [
        'internet access off, grant approved',
        async (essId, organizationId, contactId) => {
          await federation.subgraphs.organization.dataSource.query(
            'UPDATE organization SET automaticInternetAccess = 0 WHERE id = ?',
            [organizationId],
          );
          // What an administrator's approval leaves: the membership's grant.
          await credentialDb().query(
            "INSERT INTO internet_access_request (id, contactId, organizationId, loginEssId, userName, fullName, status, requestedAt, decidedAt, decidedByKind, decidedByName) SELECT UUID(), contactId, organizationId, essId, userName, 'Gate Passkey', 'APPROVED', NOW(), NOW(), 'STAFF', 'Staff' FROM self_service_account WHERE contactId = ?",
            [contactId],
          );
          return essId;
        },
        // The one condition that lets a session through: from the internet, as granted.
        'SESSION',
      ],
    ];

  /** The conditions with the answer second, for the tests' names ("locked: UNAUTHENTICATED"). */
  const ANSWERS = CONDITIONS.map(([name, apply, code]) => [name, code, apply] as const);

  /** A person of a fresh organization with a passwordless passkey on a device of their own. */
  async function personWithPasskey() {
    const code = `PK${Date.now() % 100000}${serial++}`.slice(0, 10);
    const organizationId = await createOrganization(federation, code);
    const email = `gate.passkey.${serial}.${Date.now()}@gate.example`;
    const contactId = await createContact(
      federation,
      code,
      contactInput('Gate', 'Passkey', email, [ContactType.READ_ONLY]),
    );
    await giveLogin(federation, contactId, code, email);
    const [{ essId }] = await credentialDb().query('SELECT essId FROM self_service_account WHERE contactId = ?', [
      contactId,
    ]);
    const device = await deviceWithAuthenticator();
    const token = await federation.login(email, PASSWORD);
    const key = await registerPasskey(token, 'Gate key', true, device);
    return { email, code, organizationId, contactId, essId: Number(essId), device, token, key };
  }

  it.each(ANSWERS)('passkey alone, %s: %s', async (_name, code, apply) => {
    const p = await personWithPasskey();
    const started = (await federation.query('mutation { startPasskeySignIn { token options } }')).data
      .startPasskeySignIn;
    const answer = await ceremony('get', started.options, p.device);
    await apply(p.essId, p.organizationId, p.contactId);
    const result = await federation.query(
      'mutation ($t: String!, $r: String!) { signInWithPasskey(token: $t, response: $r) { accessToken internetAccessRequestToken } }',
      { t: started.token, r: answer },
      { headers: INTERNET },
    );
    await p.device.close();
    if (code === 'SESSION') return expect(result.data?.signInWithPasskey?.accessToken).toEqual(expect.any(String));
    expect(result.data?.signInWithPasskey?.accessToken ?? null).toBeNull();
    if (code === 'REQUEST_TOKEN')
      expect(result.data?.signInWithPasskey?.internetAccessRequestToken).toEqual(expect.any(String));
    else expect(result.errors?.[0].extensions?.code).toBe(code);
  });

  it('keeps the last passkey where the organization requires a second factor, and removes it, recovery codes too, where none is required', async () => {
    const p = await personWithPasskey();
    const recoveryCodes = async () =>
      Number((await credentialDb().query('SELECT COUNT(*) AS n FROM recovery_code WHERE essId = ?', [p.essId]))[0].n);
    await federation.query(
      'mutation ($p: String, $k: String, $s: String) { regenerateRecoveryCodes(currentPassword: $p, passkey: $k, stepUpToken: $s) { codes } }',
      await stepUp(p.token, p.device),
      { token: p.token },
    );
    expect(await recoveryCodes()).toBeGreaterThan(0);
    const requireSecondFactor = async (required: boolean) => {
      const token = await federation.staffToken();
      const { version } = (
        await federation.query('query ($c: String!) { organization(code: $c) { version } }', { c: p.code }, { token })
      ).data.organization;
      const changed = await federation.query(
        'mutation ($id: ID!, $v: Int!, $r: Boolean!) { updateOrganization(id: $id, expectedVersion: $v, input: { secondFactorRequired: $r }) { secondFactorRequired } }',
        { id: p.organizationId, v: version, r: required },
        { token },
      );
      expect(changed.errors).toBeUndefined();
    };

    await requireSecondFactor(true);
    const refused = await federation.query(
      REMOVE,
      { id: p.key.id, ...(await stepUp(p.token, p.device)) },
      { token: p.token },
    );
    expect(refused.errors?.[0].extensions?.code).toBe('LAST_SECOND_FACTOR');
    expect(await credentialDb().query('SELECT name FROM passkey WHERE essId = ?', [p.essId])).toEqual([
      { name: 'Gate key' },
    ]);

    await requireSecondFactor(false);
    const removed = await federation.query(
      REMOVE,
      { id: p.key.id, ...(await stepUp(p.token, p.device)) },
      { token: p.token },
    );
    await p.device.close();
    expect(removed.data?.removePasskey).toBe(true);
    // Recovery codes alone are no second factor: they go with the last one.
    expect(await recoveryCodes()).toBe(0);
  });

  it.each(ANSWERS)('second step with a passkey, %s: %s', async (_name, code, apply) => {
    const p = await personWithPasskey();
    const step = (await federation.query(LOGIN, { u: p.email, p: PASSWORD })).data.login;
    const answer = await ceremony('get', step.secondFactorPasskeyOptions, p.device);
    await apply(p.essId, p.organizationId, p.contactId);
    const result = await federation.query(VERIFY, { c: step.secondFactorChallenge, k: answer }, { headers: INTERNET });
    await p.device.close();
    if (code === 'SESSION') return expect(result.data?.verifySecondFactor?.accessToken).toEqual(expect.any(String));
    expect(result.data?.verifySecondFactor?.accessToken ?? null).toBeNull();
    if (code === 'REQUEST_TOKEN')
      expect(result.data?.verifySecondFactor?.internetAccessRequestToken).toEqual(expect.any(String));
    else expect(result.errors?.[0].extensions?.code).toBe(code);
  });
});
