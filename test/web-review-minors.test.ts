import type { Browser, Page } from 'playwright-core';
import { ContactType } from '@ecg/policy';
import type { Federation } from './support/federation';
import { contactInput, createContact, createOrganization, signedInContact } from './support/people';
import { startWebBed, stopWebBed, type WebBed } from './support/web-bed';
import { checkPage, onGateway, openWindow, signInOnPage, type ViewportName } from './support/web-browser';

// The smaller things a browser review found: the error summary links each problem to its field,
// emailed links are checked when their page opens, and focus lands somewhere sensible after
// every action on the maintenance screen (never on <body>).
jest.setTimeout(240_000);
let federation: Federation;
let smtp: WebBed['smtp'];
let browser: Browser;
let origin: string;

beforeAll(async () => void ({ federation, smtp, browser, origin } = await startWebBed('webminors')), 120_000);
afterAll(() => stopWebBed({ federation, smtp, browser }));

const heading = (page: Page, name: string | RegExp, level = 1) =>
  page.getByRole('heading', { level, name }).first().waitFor();

const linkIn = (text: string, path: string) => new RegExp(`(https?://\\S+${path}\\?token=[\\w-]+)`).exec(text)![1];

const signIn = (page: Page, userName: string) => signInOnPage(page, origin, userName, { landing: 'My account' });

/** What has focus: never `<body>`; its tag, its role, its text (the start of it) and whether it is in the window. */
const focused = (page: Page) =>
  page.evaluate(() => {
    const element = document.activeElement as HTMLElement;
    const box = element.getBoundingClientRect();
    return {
      tag: element.tagName.toLowerCase(),
      role: element.getAttribute('role'),
      id: element.id,
      text: (element.textContent ?? '').trim(),
      // Its top in the window (a scroll lands on fractions of a pixel).
      inView: box.top > -1 && box.top < window.innerHeight,
    };
  });

async function focusIsOn(page: Page, expected: { tag?: string; role?: string; text?: RegExp; id?: string }) {
  await page.waitForFunction(() => document.activeElement && document.activeElement !== document.body);
  const now = await focused(page);
  expect(now.tag).not.toBe('body');
  if (expected.tag) expect(now.tag).toBe(expected.tag);
  if (expected.role) expect(now.role).toBe(expected.role);
  if (expected.id) expect(now.id).toBe(expected.id);
  if (expected.text) expect(now.text).toMatch(expected.text);
  expect(now).toEqual({ ...now, inView: true });
}

describe.each<ViewportName>(['desktop', 'phone'])('on a %s screen', (viewport) => {
  const code = viewport === 'desktop' ? '77201' : '77202';
  const domain = `m${code}.example`;

  it('the error summary lists every problem at once and links to each field; focus follows every action on the maintenance screen', async () => {
    await createOrganization(federation, code, `MINORS DISTRICT ${code}`);
    for (let i = 0; i < 10; i++)
      await createContact(
        federation,
        code,
        contactInput(`Member${String(i).padStart(2, '0')}`, 'Staffer', `member${i}@${domain}`, [ContactType.BENEFIT]),
      );
    const admin = await signedInContact(federation, code, [ContactType.ADMINISTRATOR], `admin@${domain}`);
    const { context, page, consoleErrors } = await openWindow(browser, origin, viewport);
    await signIn(page, admin.email);
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Organization Contacts' }).click();
    await heading(page, `Contacts for ${code}-MINORS DISTRICT ${code}`, 2);

    // The pager: focus goes to the list's heading, also when the pressed button disables.
    await page.getByRole('button', { name: 'Next', exact: true }).click();
    await page.getByText('Page 2 of 2').waitFor();
    await focusIsOn(page, { tag: 'h2', text: /^Contacts for/ });
    await page.getByRole('button', { name: 'First', exact: true }).click();
    await page.getByText('Page 1 of 2').waitFor();
    await focusIsOn(page, { tag: 'h2', text: /^Contacts for/ });

    // One Save reports the missing fields and the phone's format together.
    await page.getByRole('button', { name: 'New', exact: true }).click();
    await heading(page, 'Contact Details: new contact', 2);
    await page.getByLabel('First Name').fill('Beatrix');
    await page.getByLabel('Primary Phone Number').fill('call me');
    await page.getByRole('button', { name: 'Save', exact: true }).click();
    const summary = page.getByRole('alert').filter({ hasText: 'There is a problem' });
    await summary.waitFor();
    await focusIsOn(page, { role: 'alert', text: /There is a problem/ });
    const links = await summary.getByRole('link').allInnerTexts();
    expect(links).toEqual([
      'Enter the Last Name.',
      'Primary Phone Number is not a phone number.',
      'Enter the Primary Email Address.',
      'Enter the Confirm Primary Email Address.',
      'Check at least one contact type.',
    ]);
    await checkPage(page, 'minors-error-summary', viewport);
    await summary.getByRole('link', { name: 'Primary Phone Number is not a phone number.' }).click();
    await focusIsOn(page, { tag: 'input' });
    expect(await page.getByLabel('Primary Phone Number').evaluate((input) => input === document.activeElement)).toBe(
      true,
    );
    await summary.getByRole('link', { name: 'Check at least one contact type.' }).click();
    await focusIsOn(page, { tag: 'input' });
    expect(await page.evaluate(() => (document.activeElement as HTMLInputElement).type)).toBe('checkbox');
    // A second failed Save takes focus to the summary again.
    await page.getByRole('button', { name: 'Save', exact: true }).click();
    await focusIsOn(page, { role: 'alert', text: /There is a problem/ });

    // Saved: the message is in view and has focus.
    const email = `beatrix@${domain}`;
    await page.getByLabel('Last Name', { exact: true }).fill('Kiddo');
    await page.getByLabel('Primary Phone Number').fill('(555) 010-0199');
    await page.getByLabel('Primary Email Address', { exact: true }).fill(email);
    await page.getByLabel('Confirm Primary Email Address').fill(email);
    await page.getByRole('checkbox', { name: 'Payroll', exact: true }).check();
    await page.getByRole('button', { name: 'Save', exact: true }).click();
    await heading(page, 'Contact Details: Beatrix Kiddo', 2);
    const saved = page.getByRole('status').filter({ hasText: 'All changes successfully saved.' });
    await saved.waitFor();
    expect(await saved.evaluate((box) => box.getBoundingClientRect().top > -1)).toBe(true);
    expect(await saved.evaluate((box) => box.getBoundingClientRect().bottom <= window.innerHeight)).toBe(true);
    await checkPage(page, 'minors-saved', viewport);

    // Register: the dialog names the contact and starts on Cancel; Escape returns to the button.
    await page.getByRole('button', { name: 'Register', exact: true }).click();
    const dialog = page.getByRole('dialog', { name: 'Are you sure you want to register?' });
    await dialog.waitFor();
    expect(await dialog.innerText()).toMatch(/Beatrix Kiddo/);
    await focusIsOn(page, { tag: 'button', text: /^Cancel$/ });
    await checkPage(page, 'minors-confirm-register', viewport);
    await page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'detached' });
    await focusIsOn(page, { tag: 'button', text: /^Register$/ });
    // Two Enters do not register: the first cancels.
    await page.keyboard.press('Enter');
    await dialog.waitFor();
    await page.keyboard.press('Enter');
    await dialog.waitFor({ state: 'detached' });
    expect(await page.getByText('Registered.').count()).toBe(0);

    const confirm = async (button: string, question: string) => {
      await page.getByRole('button', { name: button, exact: true }).click();
      const asked = page.getByRole('dialog', { name: question });
      await asked.waitFor();
      await asked.getByRole('button', { name: 'OK' }).click();
      await asked.waitFor({ state: 'detached' });
    };
    await confirm('Register', 'Are you sure you want to register?');
    await page.getByRole('status').filter({ hasText: 'Registered.' }).waitFor();
    await focusIsOn(page, { role: 'status', text: /^Registered\./ });

    // Unlock: focus on what happened, and the panel says a link went instead of offering Unlock again.
    for (let i = 0; i < 3; i++)
      await federation.query('mutation ($u: String!) { login(userName: $u, password: "wrong") { accessToken } }', {
        u: email,
      });
    await page.getByRole('link', { name: 'Beatrix Kiddo' }).click();
    await page.getByRole('button', { name: 'Unlock', exact: true }).waitFor();
    await confirm('Unlock', 'Are you sure you want to unlock?');
    await page.getByRole('status').filter({ hasText: 'Unlock started.' }).waitFor();
    await focusIsOn(page, { role: 'status', text: /^Unlock started\./ });
    await page.getByText(/^Unlock link sent at /).waitFor();
    expect(await page.getByRole('button', { name: 'Unlock', exact: true }).count()).toBe(0);
    expect(await page.locator('dl.details').innerText()).toMatch(/Status\s+Locked: unlock link sent at/);
    await checkPage(page, 'minors-unlock-sent', viewport);

    // Re-Enroll: focus on what happened.
    await confirm('Re-Enroll', 'Are you sure you want to re-enroll?');
    await page.getByRole('status').filter({ hasText: 'Re-enrolled.' }).waitFor();
    await focusIsOn(page, { role: 'status', text: /^Re-enrolled\./ });

    // A temporary password past its day says what to do.
    await federation.subgraphs.credential.dataSource.query(
      'UPDATE self_service_account SET temporaryPasswordExpiresAt = ? WHERE userName = ?',
      [new Date(Date.now() - 60_000), email],
    );
    await page.getByRole('link', { name: 'Beatrix Kiddo' }).click();
    await page.getByText('Temporary password expired: Re-Enroll').waitFor();
    expect(consoleErrors).toEqual([]);
    await context.close();
  });

  it('a spent reset link is reported when its page opens; a good one names the login and leads to a prefilled Sign In', async () => {
    const person = await signedInContact(federation, '42061', [ContactType.BENEFIT], `reset.${viewport}@minors.xorg`);
    const { context, page, consoleErrors } = await openWindow(browser, origin, viewport);

    // The user name typed on Sign In comes along to "Forgot your password?".
    await page.goto(`${origin}/sign-in`);
    await page.getByLabel('User Name (Email ID)').fill(person.email);
    await page.getByRole('button', { name: 'Sign In' }).click();
    const summary = page.getByRole('alert').filter({ hasText: 'There is a problem' });
    await summary.getByRole('link', { name: 'Enter your password.' }).click();
    await focusIsOn(page, { tag: 'input', id: 'password' });
    await page.getByRole('main').getByRole('link', { name: 'Forgot your password?' }).click();
    await heading(page, 'Forgot your password?');
    expect(await page.getByLabel('User Name (Email ID)').inputValue()).toBe(person.email);
    await page.getByRole('button', { name: 'Send reset link' }).click();
    await page.getByRole('status').filter({ hasText: 'Check your email' }).waitFor();
    const mail = (await smtp.waitFor(person.email)).find((m) => /reset/.test(m.subject))!;
    const link = onGateway(origin, linkIn(mail.text, '/self-service/reset-password'));

    // A good link: the page names the login; after the reset Sign In has the user name.
    await page.goto(link);
    await heading(page, 'Reset your password');
    await page.getByText(person.email).waitFor();
    await checkPage(page, 'minors-reset-open', viewport);
    const newPassword = 'a brand new minors passphrase';
    await page.getByLabel('New password', { exact: true }).fill(newPassword);
    await page.getByLabel('Confirm new password').fill(newPassword);
    await page.getByRole('button', { name: 'Reset password' }).click();
    await heading(page, 'Sign In');
    expect(await page.getByLabel('User Name (Email ID)').inputValue()).toBe(person.email);

    // The same link again: spent, said at once, with no password fields to fill in vain.
    await page.goto(link);
    await page.getByRole('heading', { name: 'This link no longer works' }).waitFor();
    expect(await page.getByLabel('New password', { exact: true }).count()).toBe(0);
    await checkPage(page, 'minors-reset-spent', viewport);

    // An unlock link that was spent (or never was): said at once, and no "has unlocked" before checking.
    await page.goto(`${origin}/self-service/unlock?token=${'x'.repeat(43)}`);
    await page.getByRole('heading', { name: 'This link has already been used' }).waitFor();
    expect(await page.getByText(/has unlocked/).count()).toBe(0);
    expect(await page.getByRole('button', { name: 'Unlock my account' }).count()).toBe(0);
    await checkPage(page, 'minors-unlock-spent', viewport);
    expect(consoleErrors).toEqual([]);
    await context.close();
  });
});
