import type { Browser, Page } from 'playwright-core';
import { demoContactId } from '@ecg/demo-data';
import { startFederation, type Federation } from './support/federation';
import { REGISTER, selfServiceFlows, temporaryPasswordIn } from './support/self-service-flows';
import { startSmtp } from './support/smtp';
import { checkPage, heading, launchChromium, openWindow } from './support/web-browser';

// In the web app: a person of several organizations chooses one after the password on
// /sign-in, and switches on /account without it. Bruno (42061) and Betsy (01001) share one email.
jest.setTimeout(120_000);
let federation: Federation;
let smtp: Awaited<ReturnType<typeof startSmtp>>;
let browser: Browser;
let origin: string;
const EMAIL = 'bcontact@county.xorg';
const PASSWORD = 'one passphrase for both organizations';

beforeAll(async () => {
  smtp = await startSmtp();
  federation = await startFederation('weborgs', { SMTP_URL: smtp.url(), MAIL_POLL_MILLISECONDS: '100' });
  origin = new URL(federation.gatewayUrl).origin;
  browser = await launchChromium();
  // Staff register Bruno, the person chooses a password, staff register Betsy: the same login.
  const flows = selfServiceFlows(federation, smtp);
  expect((await flows.asStaff(REGISTER, { id: demoContactId('bruno') })).errors).toBeUndefined();
  const temporary = temporaryPasswordIn((await flows.nextMail(EMAIL, /registration/)).text);
  const pending = await federation.query(
    'mutation ($u: String!, $p: String!) { login(userName: $u, password: $p) { accessToken } }',
    { u: EMAIL, p: temporary },
  );
  expect((await flows.change(pending.data.login.accessToken, temporary, PASSWORD)).errors).toBeUndefined();
  expect((await flows.asStaff(REGISTER, { id: demoContactId('betsy') })).errors).toBeUndefined();
}, 120_000);
afterAll(async () => {
  await browser?.close();
  await federation?.stop();
  await smtp?.stop();
});

const signedInAs = (page: Page) => page.locator('p.lead').innerText();

it('chooses the organization after the password, switches on /account without it, and a reload keeps the choice', async () => {
  const { context, page, consoleErrors } = await openWindow(browser, origin, 'phone');
  await page.goto(`${origin}/sign-in`);
  await page.getByLabel('User Name (Email ID)').fill(EMAIL);
  await page.getByLabel('Password', { exact: true }).fill(PASSWORD);
  await page.getByRole('button', { name: 'Sign In' }).click();
  await heading(page, 'Choose an organization');
  expect(await context.cookies(origin)).toEqual([]);
  // Each choice says what the person is there: rights differ per organization.
  await page.getByRole('radio', { name: '01001-COUNTY OFFICE OF EDUCATION As Payroll', exact: true }).waitFor();
  await page
    .getByRole('radio', { name: /^42061-COUNTY OFFICE OF EDUCATION As Account Receivable, Administrator/ })
    .waitFor();
  await checkPage(page, 'choose-organization', 'phone');
  await page.getByRole('button', { name: 'Continue' }).click();
  await page.getByRole('alert').getByText('Choose the organization you act for now.').waitFor();
  await page.getByRole('radio', { name: /01001/ }).check();
  await page.getByRole('button', { name: 'Continue' }).click();
  await heading(page, 'My account');
  await page.getByText('Signed in as Betsy Contact, 01001-COUNTY OFFICE OF EDUCATION').waitFor();

  const organizations = page.getByRole('region', { name: 'Your organizations' });
  await organizations.getByLabel('Act for').selectOption({ label: '42061-COUNTY OFFICE OF EDUCATION' });
  await organizations.getByRole('button', { name: 'Switch organization' }).click();
  await page.getByRole('status').getByText('You now act for 42061-COUNTY OFFICE OF EDUCATION.').waitFor();
  await page.getByText('Signed in as Bruno Contact, 42061-COUNTY OFFICE OF EDUCATION').waitFor();
  await checkPage(page, 'account-switched', 'phone');

  // The maintenance screen follows the organization the session acts for.
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Organization Contacts' }).click();
  await page.getByRole('heading', { name: 'Contacts for 42061-COUNTY OFFICE OF EDUCATION' }).waitFor();

  await page.goto(`${origin}/account`);
  await heading(page, 'My account');
  expect(await signedInAs(page)).toBe('Signed in as Bruno Contact, 42061-COUNTY OFFICE OF EDUCATION');
  expect(consoleErrors).toEqual([]);
  await context.close();
});
