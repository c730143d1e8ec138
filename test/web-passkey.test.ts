import { createConnection, createServer, type AddressInfo, type Server, type Socket } from 'node:net';
import type { Browser, Page } from 'playwright-core';
import { ContactType } from '@ecg/policy';
import { startFederation, type Federation } from './support/federation';
import { PASSWORD, signedInContact } from './support/people';
import { checkPage, heading, launchChromium, openWindow } from './support/web-browser';
import { startSmtp } from './support/smtp';

// In the web app: a passkey added on /account with Chromium's virtual authenticator,
// then used after the password on /sign-in, and alone ("Sign in with a passkey"). A passkey is
// bound to its relying party (RP id localhost) and the origins WEBAUTHN_ORIGIN names: the pages
// run on http://localhost:<port>, a port opened before the federation starts (so the credential
// subgraph can be told it) and passed on to the gateway once it listens.
jest.setTimeout(180_000);
let federation: Federation;
let browser: Browser;
let ORIGIN: string;
let relay: Server;
let smtp: Awaited<ReturnType<typeof startSmtp>>;
const sockets = new Set<Socket>();

beforeAll(async () => {
  let gatewayPort = 0;
  relay = createServer((client) => {
    const upstream = createConnection(gatewayPort, '127.0.0.1');
    for (const s of [client, upstream]) {
      sockets.add(s);
      s.on('close', () => sockets.delete(s));
      s.on('error', () => s.destroy());
    }
    client.pipe(upstream).pipe(client);
  });
  await new Promise<void>((resolve) => relay.listen(0, '127.0.0.1', () => resolve()));
  ORIGIN = `http://localhost:${(relay.address() as AddressInfo).port}`;
  smtp = await startSmtp();
  federation = await startFederation('webpasskey', {
    WEBAUTHN_ORIGIN: ORIGIN,
    SMTP_URL: smtp.url(),
    MAIL_POLL_MILLISECONDS: '100',
  });
  gatewayPort = Number(new URL(federation.gatewayUrl).port);
  browser = await launchChromium();
}, 180_000);
afterAll(async () => {
  await browser?.close();
  for (const s of sockets) s.destroy();
  await new Promise<void>((resolve) => (relay?.listening ? relay.close(() => resolve()) : resolve()));
  await federation?.stop();
  await smtp?.stop();
});

async function passwordStep(page: Page, userName: string, password: string) {
  await page.goto(`${ORIGIN}/sign-in`);
  await page.getByLabel('User Name (Email ID)').fill(userName);
  await page.getByLabel('Password', { exact: true }).fill(password);
  await page.getByRole('button', { name: 'Sign In' }).click();
}

it('adds a passkey on /account, then signs in with password plus passkey, and with the passkey alone', async () => {
  const person = await signedInContact(federation, '42061', [ContactType.READ_ONLY], 'web.passkey@county.xorg');
  const { context, page, consoleErrors, offsite } = await openWindow(browser, ORIGIN, 'desktop');
  const cdp = await context.newCDPSession(page);
  await cdp.send('WebAuthn.enable');
  const { authenticatorId } = await cdp.send('WebAuthn.addVirtualAuthenticator', {
    options: {
      protocol: 'ctap2',
      transport: 'internal',
      hasResidentKey: true,
      hasUserVerification: true,
      isUserVerified: true,
    },
  });

  await passwordStep(page, person.email, PASSWORD);
  await heading(page, 'My account');
  const panel = page.getByRole('region', { name: 'Passkeys' });
  await panel.getByText('You have no passkey yet.').waitFor();
  await panel.getByRole('button', { name: 'Add a passkey' }).click();
  await panel.getByText('Give the passkey a name you will recognise').waitFor();
  await panel.getByLabel('Passkey name').fill('Work laptop');
  await panel.getByLabel('Sign in with this passkey alone, without my password').check();
  // A session alone adds nothing: no proof, then a wrong one (counted), leave the authenticator empty.
  await panel.getByRole('button', { name: 'Add a passkey' }).click();
  await page.getByText('Enter your current password.', { exact: true }).waitFor();
  await page.getByLabel('Your password, to confirm it is you').fill('not my password at all');
  await panel.getByRole('button', { name: 'Add a passkey' }).click();
  await panel.getByRole('alert').getByText('That is not your current password.', { exact: false }).waitFor();
  expect((await cdp.send('WebAuthn.getCredentials', { authenticatorId })).credentials).toHaveLength(0);
  await page.getByLabel('Your password, to confirm it is you').fill(PASSWORD);
  await panel.getByRole('button', { name: 'Add a passkey' }).click();
  await panel.getByText('Passkey "Work laptop" added.').waitFor();
  // The owner hears of it, with what to do if it was not them.
  const [notice] = await smtp.waitFor(person.email);
  expect(notice.text).toContain('A passkey named "Work laptop" was added to your login');
  expect(notice.text).toMatch(/If it was not you, .*reset your password now/s);
  await panel.getByRole('list', { name: 'Your passkeys' }).getByText('Work laptop', { exact: true }).waitFor();
  expect((await cdp.send('WebAuthn.getCredentials', { authenticatorId })).credentials).toHaveLength(1);
  await checkPage(page, 'account-passkeys', 'desktop');

  // Password, then the passkey: no cookie until the second step.
  await page.getByRole('button', { name: 'Sign out', exact: true }).click();
  await passwordStep(page, person.email, PASSWORD);
  await heading(page, 'Use your passkey');
  expect(await context.cookies(ORIGIN)).toEqual([]);
  await checkPage(page, 'sign-in-passkey-step', 'desktop');
  await page.getByRole('button', { name: 'Use a passkey' }).click();
  await heading(page, 'My account');
  expect((await context.cookies(ORIGIN)).map((c) => c.name)).toHaveLength(1);

  // The passkey alone: no user name, no password.
  await page.getByRole('button', { name: 'Sign out', exact: true }).click();
  await page.goto(`${ORIGIN}/sign-in`);
  await checkPage(page, 'sign-in-with-passkey', 'desktop');
  await page.getByRole('button', { name: 'Use a passkey instead of a password' }).click();
  await heading(page, 'My account');
  await page.getByText('web.passkey@county.xorg', { exact: false }).first().waitFor();

  // Removed: it signs in no more, and the password alone does again.
  await panel.getByRole('button', { name: 'Remove Work laptop' }).click();
  await page
    .getByRole('dialog', { name: 'Remove the passkey "Work laptop"?' })
    .getByRole('button', { name: 'Remove' })
    .click();
  await panel.getByText('Passkey "Work laptop" removed.').waitFor();
  await page.getByRole('button', { name: 'Sign out', exact: true }).click();
  await page.goto(`${ORIGIN}/sign-in`);
  await page.getByRole('button', { name: 'Use a passkey instead of a password' }).click();
  await page.getByRole('alert').getByText('That passkey does not sign you in on its own.').waitFor();
  await passwordStep(page, person.email, PASSWORD);
  await heading(page, 'My account');

  expect(consoleErrors).toEqual([]);
  expect(offsite).toEqual([]);
  await context.close();
});
