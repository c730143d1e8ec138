import type { Browser, Page } from 'playwright-core';
import { ContactType } from '@ecg/policy';
import { startFederation, type Federation } from './support/federation';
import { contactInput, createContact, createOrganization, giveLogin, PASSWORD, staffLogin } from './support/people';
import { codeAt, wrongCodeFor } from './support/second-factor';
import { collectSecret } from './support/secrets';
import { checkPage, heading, launchChromium, openWindow, type ViewportName } from './support/web-browser';

// In the web app: when a second factor is required and the person has none (their
// organization's rule; staff logins in production), /sign-in leads from the password straight to
// setting up an authenticator app (QR code and key shown once, a first code, recovery codes shown
// once), and only then signs in. Run in production, where staff logins always need one.
jest.setTimeout(150_000);
let federation: Federation;
let browser: Browser;
let origin: string;
let person: string;

beforeAll(async () => {
  federation = await startFederation('webenrol', { NODE_ENV: 'production', DEMO_DATA: 'true' });
  origin = new URL(federation.gatewayUrl).origin;
  browser = await launchChromium();
}, 150_000);
afterAll(async () => {
  await browser?.close();
  await federation?.stop();
});

async function passwordStep(page: Page, userName: string, password: string) {
  await page.goto(`${origin}/sign-in`);
  await page.getByLabel('User Name (Email ID)').fill(userName);
  await page.getByLabel('Password', { exact: true }).fill(password);
  await page.getByRole('button', { name: 'Sign In' }).click();
}

/** The enrolment step as a person goes through it; the authenticator's secret. */
async function enrolOnSignIn(page: Page, viewport: ViewportName, who: string) {
  await heading(page, 'Set up a second factor');
  await page.getByRole('img', { name: 'QR code to scan with your authenticator app' }).waitFor();
  // Shown in groups of 4 for reading; the key itself has no spaces.
  const secret = (await page.locator('code.secret').innerText()).replace(/\s/g, '');
  collectSecret('totp secret', secret);
  // On the phone itself: the key read in groups of 4, a link that opens the authenticator app
  // with it, and "Copy key".
  expect(await page.locator('code.secret').innerText()).toMatch(/^([A-Z2-7]{4} ){7}[A-Z2-7]{4}$/);
  const appLink = await page.getByRole('link', { name: 'Open in your authenticator app' }).getAttribute('href');
  expect(appLink).toMatch(/^otpauth:\/\/totp\//);
  expect(new URL(appLink!).searchParams.get('secret')).toBe(secret);
  await page.context().grantPermissions(['clipboard-read', 'clipboard-write'], { origin });
  await page.getByRole('button', { name: 'Copy key' }).click();
  await page.getByText('Key copied. Paste it into your authenticator app.').waitFor();
  expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(secret);
  // Nothing signed in yet: no session cookie, and the menus of a signed-in person are not there.
  expect(await page.context().cookies(origin)).toEqual([]);
  await checkPage(page, `sign-in-enrolment-${who}`, viewport);

  await page.getByLabel('Authentication code').fill(wrongCodeFor(secret));
  await page.getByRole('button', { name: 'Turn on' }).click();
  await page.getByRole('alert').getByText('That code is not correct.', { exact: false }).waitFor();
  const code = codeAt(secret);
  collectSecret('authenticator code', code);
  await page.getByLabel('Authentication code').fill(code);
  await page.getByRole('button', { name: 'Turn on' }).click();

  await heading(page, 'Your second factor is set up');
  const codes = await page.getByRole('list', { name: 'Recovery codes' }).getByRole('listitem').allInnerTexts();
  codes.forEach((c) => collectSecret('recovery code', c.trim()));
  expect(codes).toHaveLength(10);
  expect(await page.context().cookies(origin)).toHaveLength(1);
  await checkPage(page, `sign-in-enrolment-${who}-recovery-codes`, viewport);
  await page.getByRole('button', { name: 'I have saved my recovery codes' }).click();
  // Staff start on the maintenance screen, contacts on their account.
  await heading(page, who === 'staff' ? 'ESS Organization Contact Maintenance' : 'My account');
  return secret;
}

it('leads a person whose organization requires a second factor from the password to setting one up, then in (phone)', async () => {
  await createOrganization(federation, '77020', 'MUST ENROL DISTRICT');
  await federation.subgraphs.organization.dataSource.query(
    "UPDATE organization SET secondFactorRequired = 1 WHERE code = '77020'",
  );
  const email = 'web.must.enrol@77020.example';
  const id = await createContact(federation, '77020', contactInput('Web', 'Enrol', email, [ContactType.READ_ONLY]));
  await giveLogin(federation, id, '77020', email);
  person = id;

  const { page, context, consoleErrors, offsite } = await openWindow(browser, origin, 'phone');
  await passwordStep(page, email, PASSWORD);
  const secret = await enrolOnSignIn(page, 'phone', 'person');
  await page.getByText('Sign-in asks for a code from your authenticator app after your password.').waitFor();

  // From now on, the second step after the password.
  await page.getByRole('button', { name: 'Sign out', exact: true }).click();
  await passwordStep(page, email, PASSWORD);
  await heading(page, 'Enter your authentication code');
  const next = codeAt(secret, 1);
  collectSecret('authenticator code', next);
  await page.getByLabel('Authentication code').fill(next);
  await page.getByRole('button', { name: 'Verify' }).click();
  await heading(page, 'My account');
  expect([...consoleErrors, ...offsite]).toEqual([]);
  await context.close();
});

it('leads a staff login with no second factor to set one up in production (desktop)', async () => {
  const email = 'web.ops@pension.example';
  const password = 'an operators own passphrase';
  await staffLogin(federation, email, password, 'Operations');
  const { page, context, consoleErrors, offsite } = await openWindow(browser, origin, 'desktop');
  await passwordStep(page, email, password);
  await enrolOnSignIn(page, 'desktop', 'staff');
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'My account' }).click();
  await page.getByText('Operations (web.ops@pension.example), pension system staff').waitFor();
  await page.getByText('Sign-in asks for a code from your authenticator app after your password.').waitFor();
  await checkPage(page, 'account-staff-second-factor', 'desktop');

  // The panel says the second factor apart from the temporary password ("Is OTP Set").
  await page.goto(`${origin}/organization/contacts?org=77020&contact=${person}`);
  const details = page.getByRole('region', { name: 'Self Service Details' }).locator('dl.details');
  await details.getByText('Second Factor Set').waitFor();
  const text = await details.innerText();
  expect(text).toMatch(/Is OTP Set\s+N/);
  expect(text).toMatch(/Second Factor Set\s+Y/);
  expect(text).toMatch(/Second Factors\s+Authenticator app, Recovery codes/);
  expect(text).toMatch(/Second Factor Unsuccessful Attempts\s+0/);
  await checkPage(page, 'contacts-second-factor-panel', 'desktop');
  expect([...consoleErrors, ...offsite]).toEqual([]);
  await context.close();
});
