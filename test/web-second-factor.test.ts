import { Secret, TOTP } from 'otpauth';
import type { Browser, Page } from 'playwright-core';
import { ContactType } from '@ecg/policy';
import { startFederation, TEST_STAFF, type Federation } from './support/federation';
import { PASSWORD, signedInContact } from './support/people';
import { checkPage, launchChromium, openWindow } from './support/web-browser';

// In the web app: an authenticator app set up on /account (QR code, key, first code,
// recovery codes shown once), the second step on /sign-in (a code, or a recovery code), and the
// panel's "Reset Second Factors" button for the organization's administrators.
jest.setTimeout(120_000);
let federation: Federation;
let browser: Browser;
let origin: string;

beforeAll(async () => {
  federation = await startFederation('web2fa');
  origin = new URL(federation.gatewayUrl).origin;
  browser = await launchChromium();
}, 120_000);
afterAll(async () => {
  await browser?.close();
  await federation?.stop();
});

const heading = (page: Page, name: string) => page.getByRole('heading', { level: 1, name }).waitFor();
const codeAt = (secret: string, timestamp: number) =>
  new TOTP({ secret: Secret.fromBase32(secret), algorithm: 'SHA1', digits: 6, period: 30 }).generate({ timestamp });

async function passwordStep(page: Page, userName: string, password: string) {
  await page.goto(`${origin}/sign-in`);
  await page.getByLabel('User Name (Email ID)').fill(userName);
  await page.getByLabel('Password', { exact: true }).fill(password);
  await page.getByRole('button', { name: 'Sign In' }).click();
}

it('sets up an authenticator app on /account, asks for its code (or a recovery code) after the password, and an administrator can reset it', async () => {
  const person = await signedInContact(federation, '42061', [ContactType.READ_ONLY], 'two.factors@county.xorg');
  const { context, page, consoleErrors } = await openWindow(browser, origin, 'phone');
  await passwordStep(page, person.email, PASSWORD);
  await heading(page, 'My account');

  // A session alone sets up nothing: the step-up gate asks for the current password first.
  await page.getByRole('button', { name: 'Set up an authenticator app' }).click();
  await page.getByText('Enter your current password.', { exact: true }).waitFor();
  await page.getByLabel('Your password, to confirm it is you').fill(PASSWORD);
  await page.getByRole('button', { name: 'Set up an authenticator app' }).click();
  await page.getByRole('img', { name: 'QR code to scan with your authenticator app' }).waitFor();
  // Shown in groups of 4 for reading; the key itself has no spaces.
  const secret = (await page.locator('code.secret').innerText()).replace(/\s/g, '');
  await checkPage(page, 'account-second-factor-setup', 'phone');
  await page.getByLabel('Authentication code').fill('000000' === codeAt(secret, Date.now()) ? '111111' : '000000');
  await page.getByRole('button', { name: 'Turn on' }).click();
  await page.getByRole('alert').getByText('That code is not correct.').waitFor();
  await page.getByLabel('Authentication code').fill(codeAt(secret, Date.now()));
  await page.getByRole('button', { name: 'Turn on' }).click();
  await page.getByRole('list', { name: 'Recovery codes' }).waitFor();
  const codes = await page.getByRole('list', { name: 'Recovery codes' }).getByRole('listitem').allInnerTexts();
  expect(codes).toHaveLength(10);
  await page.getByText('Sign-in asks for a code from your authenticator app after your password.').waitFor();
  await checkPage(page, 'account-recovery-codes', 'phone');

  // The second step, with the app's next code (each code works once).
  await page.getByRole('button', { name: 'Sign out', exact: true }).click();
  await passwordStep(page, person.email, PASSWORD);
  await heading(page, 'Enter your authentication code');
  expect(await context.cookies(origin)).toEqual([]);
  await checkPage(page, 'sign-in-second-factor', 'phone');
  await page.getByLabel('Authentication code').fill('12345x');
  await page.getByRole('button', { name: 'Verify' }).click();
  await page.getByRole('alert').waitFor();
  expect(await page.getByRole('alert').innerText()).toMatch(/not correct/);
  await page.getByLabel('Authentication code').fill(codeAt(secret, Date.now() + 30_000));
  await page.getByRole('button', { name: 'Verify' }).click();
  await heading(page, 'My account');

  // Or one recovery code, when the phone is not at hand.
  await page.getByRole('button', { name: 'Sign out', exact: true }).click();
  await passwordStep(page, person.email, PASSWORD);
  await heading(page, 'Enter your authentication code');
  await page.getByRole('button', { name: 'Use a recovery code' }).click();
  // The heading follows the way offered: a recovery code now, not the app's code.
  await heading(page, 'Enter a recovery code');
  expect(await page.getByRole('heading', { level: 1 }).innerText()).toBe('Enter a recovery code');
  await page.getByLabel('Recovery code').fill(codes[0]);
  await page.getByRole('button', { name: 'Verify' }).click();
  await heading(page, 'My account');
  await context.close();

  // Staff (as an administrator would) press "Reset Second Factors": the password alone signs in again.
  const staff = await openWindow(browser, origin, 'desktop');
  await passwordStep(staff.page, TEST_STAFF.email, TEST_STAFF.password);
  await heading(staff.page, 'ESS Organization Contact Maintenance');
  await staff.page.goto(`${origin}/organization/contacts?org=42061&contact=${person.id}`);
  await staff.page.getByRole('button', { name: 'Reset Second Factors' }).click();
  const dialog = staff.page.getByRole('dialog', { name: 'Are you sure you want to reset the second factors?' });
  await dialog.getByRole('button', { name: 'OK' }).click();
  await staff.page.getByText('Second factors removed.').waitFor();
  await staff.context.close();

  const again = await openWindow(browser, origin, 'desktop');
  await passwordStep(again.page, person.email, PASSWORD);
  await heading(again.page, 'My account');
  await again.page.getByRole('button', { name: 'Set up an authenticator app' }).waitFor();
  expect([...consoleErrors, ...staff.consoleErrors, ...again.consoleErrors]).toEqual([]);
  await again.context.close();
});
