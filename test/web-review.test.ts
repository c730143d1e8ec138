import { readFileSync } from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { ContactType } from '@ecg/policy';
import type { Federation } from './support/federation';
import { contactInput, createContact, createOrganization, PASSWORD, signedInContact } from './support/people';
import { startWebBed, stopWebBed, type WebBed } from './support/web-bed';
import { checkPage, openWindow, type ViewportName } from './support/web-browser';

// What a review in the browser found on the pages people use: the contact form opened by New,
// plain words on the forgot-password confirmation, the mass email upload reaching the contacts
// without an email, and a session ended elsewhere that keeps the person's place and typing.
jest.setTimeout(240_000);
let federation: Federation;
let smtp: WebBed['smtp'];
let browser: Browser;
let origin: string;
const HELPDESK = 'Employer Services, 1-800-555-0100, weekdays 8-5';

beforeAll(
  async () =>
    void ({ federation, smtp, browser, origin } = await startWebBed('webreview', { HELPDESK_CONTACT: HELPDESK })),
  120_000,
);
afterAll(() => stopWebBed({ federation, smtp, browser }));

const heading = (page: Page, name: string | RegExp, level = 1) =>
  page.getByRole('heading', { level, name }).first().waitFor();

async function signIn(page: Page, userName: string, landing = 'My account') {
  await page.goto(`${origin}/sign-in`);
  await page.getByLabel('User Name (Email ID)').fill(userName);
  await page.getByLabel('Password', { exact: true }).fill(PASSWORD);
  await page.getByRole('button', { name: 'Sign In' }).click();
  await heading(page, landing);
}

async function openScreen(page: Page) {
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Organization Contacts' }).click();
  await heading(page, 'ESS Organization Contact Maintenance');
}

/** An organization of the test's own with an Administrator who signs in, and `others` more contacts. */
async function organizationWithAdministrator(code: string, others: number) {
  await createOrganization(federation, code, `REVIEW DISTRICT ${code}`);
  for (let i = 0; i < others; i++)
    await createContact(
      federation,
      code,
      contactInput(`Member${String(i).padStart(2, '0')}`, 'Staffer', `member${i}@r${code}.example`, [
        ContactType.BENEFIT,
      ]),
    );
  return signedInContact(federation, code, [ContactType.ADMINISTRATOR], `admin@r${code}.example`);
}

/** The focused element's text, and whether it is inside the window (not below the fold). */
const focusedInView = (page: Page) =>
  page.evaluate(() => {
    const element = document.activeElement as HTMLElement;
    const box = element.getBoundingClientRect();
    return { text: element.textContent, inView: box.top >= 0 && box.bottom <= window.innerHeight };
  });

describe.each<ViewportName>(['desktop', 'phone'])('on a %s screen', (viewport) => {
  it('New gives an empty form every time, brought into view with focus on its heading', async () => {
    const code = viewport === 'desktop' ? '77101' : '77102';
    const admin = await organizationWithAdministrator(code, 11);
    const { context, page, consoleErrors } = await openWindow(browser, origin, viewport);
    await signIn(page, admin.email);
    await openScreen(page);
    // A full page of 10 contacts and the pager: the form opens below them.
    await page.getByText('Page 1 of 2 | Results 1 - 10 of 12').waitFor();
    // The table fits the screen (on a phone its rows stack): nothing scrolls sideways; rows stay rows.
    const table = page.locator('.table-scroll');
    expect(await table.evaluate((region) => region.scrollWidth - region.clientWidth)).toBe(0);
    expect(await page.getByRole('row', { name: /Member00 Staffer/ }).innerText()).toMatch(/Active/);

    await page.getByRole('button', { name: 'New', exact: true }).click();
    await heading(page, 'Contact Details: new contact', 2);
    expect(await focusedInView(page)).toEqual({ text: 'Contact Details: new contact', inView: true });
    await checkPage(page, 'review-new-form', viewport);

    // A failed save: an error, half-filled values, a ticked type.
    await page.getByLabel('First Name').fill('Half');
    await page.getByRole('checkbox', { name: 'Payroll', exact: true }).check();
    await page.getByRole('button', { name: 'Save', exact: true }).click();
    await page.getByText('Enter the Last Name.').first().waitFor();

    // New again: asked first (the half-filled form is not saved), then an empty form, no error,
    // back in view with focus on its heading.
    await page.evaluate(() => window.scrollTo({ top: 0 }));
    await page.getByRole('button', { name: 'New', exact: true }).click();
    await page
      .getByRole('dialog', { name: 'Discard unsaved changes?' })
      .getByRole('button', { name: 'Discard changes' })
      .click();
    await page.getByLabel('First Name').and(page.locator('[value=""]')).waitFor();
    expect(await page.getByRole('checkbox', { name: 'Payroll', exact: true }).isChecked()).toBe(false);
    expect(await page.getByText('Enter the Last Name.').count()).toBe(0);
    expect(await page.getByRole('alert').count()).toBe(0);
    expect(await focusedInView(page)).toEqual({ text: 'Contact Details: new contact', inView: true });
    await checkPage(page, 'review-new-form-again', viewport);
    expect(consoleErrors).toEqual([]);
    await context.close();
  });
});

it('the forgot-password confirmation speaks plain words and links to "Find your administrator"', async () => {
  const { context, page } = await openWindow(browser, origin, 'phone');
  await page.goto(`${origin}/self-service/forgot-password`);
  await page.getByLabel('User Name (Email ID)').fill('nobody.in.particular@county.xorg');
  await page.getByRole('button', { name: 'Send reset link' }).click();
  const confirmation = page.getByRole('status').filter({ hasText: 'Check your email' });
  await confirmation.waitFor();
  expect(await confirmation.innerText()).not.toMatch(/findAdministrators|[a-z][A-Z]\w*\(/);
  await checkPage(page, 'review-forgot-password-sent', 'phone');
  await confirmation.getByRole('link', { name: 'Find your administrator' }).click();
  await heading(page, 'Find your administrator');
  await context.close();
});

it('the health list links each contact without an email, tells namesakes apart, and downloads the upload template with their ids', async () => {
  const admin = await organizationWithAdministrator('77103', 0);
  const namesakes: string[] = [];
  for (const [title, email] of [
    ['Payroll clerk', 'sam.lee.1@r77103.example'],
    ['Benefits officer', 'sam.lee.2@r77103.example'],
  ]) {
    const id = await createContact(federation, '77103', {
      ...contactInput('Sam', 'Lee', email, [ContactType.PAYROLL]),
      jobTitle: title,
    } as ReturnType<typeof contactInput>);
    await federation.subgraphs.contact.dataSource.query('UPDATE contact SET primaryEmail = NULL WHERE id = ?', [id]);
    namesakes.push(id);
  }
  const { context, page, consoleErrors } = await openWindow(browser, origin, 'desktop');
  await signIn(page, admin.email);
  await openScreen(page);
  const health = page.getByRole('region', { name: 'Organization health' });
  await health.getByText('2 active contacts have no email address').waitFor();
  const entries = await health.getByRole('listitem').allInnerTexts();
  expect(entries).toHaveLength(2);
  expect(entries.join('\n')).toMatch(/Sam Lee, Benefits officer/);
  expect(entries.join('\n')).toMatch(/Sam Lee, Payroll clerk/);
  for (const id of namesakes) expect(entries.join('\n')).toContain(id);
  await checkPage(page, 'review-health-missing-email', 'desktop');

  // The template: a CSV the upload reads, one line per contact, by id, with who it is.
  const downloaded = page.waitForEvent('download');
  await health.getByRole('button', { name: 'Download them as a CSV file for the upload' }).click();
  const file = await downloaded;
  expect(file.suggestedFilename()).toBe('contacts-without-email-77103.csv');
  const csv = readFileSync(await file.path(), 'utf8')
    .trim()
    .split(/\r\n/);
  expect(csv[0]).toBe('contact,email,name,job title');
  expect(csv.slice(1).sort()).toEqual(
    [`${namesakes[0]},,Sam Lee,Payroll clerk`, `${namesakes[1]},,Sam Lee,Benefits officer`].sort(),
  );

  // Filled in and uploaded, it records the email of the right Sam Lee.
  await page
    .getByLabel('CSV lines')
    .fill(`${csv[0]}\n${namesakes[1]},sam.lee@r77103.example,Sam Lee,Benefits officer\n`);
  await page.getByRole('button', { name: 'Check file' }).click();
  await page.getByText('Checked: 1 would be updated, 0 rejected. Nothing is saved yet.').waitFor();

  // Each entry opens its contact.
  await health
    .getByRole('link', { name: 'Sam Lee' })
    .nth(entries.findIndex((e) => /Payroll clerk/.test(e)))
    .click();
  await heading(page, 'Contact Details: Sam Lee', 2);
  expect(await page.getByLabel('Job Title').inputValue()).toBe('Payroll clerk');
  expect(new URL(page.url()).searchParams.get('contact')).toBe(namesakes[0]);
  expect(consoleErrors).toEqual([]);
  await context.close();
});

it('a session ended elsewhere says so on Sign In, comes back to the same contact after signing in, with the unsaved typing kept', async () => {
  const admin = await organizationWithAdministrator('77104', 1);
  const { context, page, consoleErrors } = await openWindow(browser, origin, 'desktop');
  await signIn(page, admin.email);
  await openScreen(page);
  await page.getByRole('link', { name: 'Member00 Staffer' }).click();
  await heading(page, 'Contact Details: Member00 Staffer', 2);
  const contactUrl = page.url();
  await page.getByLabel('Job Title').fill('Typed before the session ended');

  // The person signs out everywhere on another device; the Save here finds the session over.
  const { errors } = await federation.query('mutation { signOutEverywhere }', {}, { token: admin.token });
  expect(errors).toBeUndefined();
  await page.getByRole('button', { name: 'Save', exact: true }).click();
  await heading(page, 'Sign In');
  await page
    .getByRole('status')
    .getByText(
      /^You were signed out \(your session was ended, on another device or by a change of password\); sign in to continue/,
    )
    .waitFor();
  await checkPage(page, 'review-signed-out-elsewhere', 'desktop');

  await page.getByLabel('User Name (Email ID)').fill(admin.email);
  await page.getByLabel('Password', { exact: true }).fill(PASSWORD);
  await page.getByRole('button', { name: 'Sign In' }).click();
  await heading(page, 'Contact Details: Member00 Staffer', 2);
  expect(page.url()).toBe(contactUrl);
  expect(await page.getByLabel('Job Title').inputValue()).toBe('Typed before the session ended');
  await page.getByText('Your session ended before you saved: what you had typed is back.').waitFor();
  await page.getByRole('button', { name: 'Save', exact: true }).click();
  await page.getByRole('status').filter({ hasText: 'All changes successfully saved.' }).waitFor();

  expect(consoleErrors).toEqual([]);
  await context.close();
});

it('Find your administrator lists the Administrators who can help, with the way to reach them they publish, and the helpdesk when nobody can', async () => {
  const admin = await organizationWithAdministrator('77105', 0);
  // An Administrator without a login, and an inactive one: neither can help.
  await createContact(
    federation,
    '77105',
    contactInput('Nolan', 'Nologin', 'nolan@r77105.example', [ContactType.ADMINISTRATOR]),
  );
  await createContact(federation, '77105', {
    ...contactInput('Ina', 'Inactive', 'ina@r77105.example', [ContactType.ADMINISTRATOR]),
    status: 'INACTIVE',
  });
  await createOrganization(federation, '77106', 'REVIEW DISTRICT NOBODY');
  await createContact(
    federation,
    '77106',
    contactInput('Only', 'Pending', 'only@r77106.example', [ContactType.ADMINISTRATOR]),
  );

  // The Administrator publishes a work phone on their own contact.
  const { context, page, consoleErrors } = await openWindow(browser, origin, 'phone');
  await signIn(page, admin.email);
  await openScreen(page);
  await page.getByRole('link', { name: 'Test ADMINISTRATOR' }).click();
  await heading(page, 'Contact Details: Test ADMINISTRATOR', 2);
  await page.getByLabel('Work phone or email for Find your administrator').fill('Work phone 555-0100 ext 12');
  await page.getByRole('button', { name: 'Save', exact: true }).click();
  await page.getByRole('status').filter({ hasText: 'All changes successfully saved.' }).waitFor();
  await page.getByRole('button', { name: 'Sign out' }).first().click();
  await heading(page, 'Sign In');

  const search = async (text: string) => {
    await page.goto(`${origin}/self-service/find-administrator`);
    await page.getByLabel('Search for Organization (Hint: Org Code, Org Name)').fill(text);
    await page.getByRole('button', { name: 'Search', exact: true }).click();
    await page.getByRole('heading', { level: 2, name: /match/ }).waitFor();
  };
  await search('77105');
  const card = page.locator('.card', { has: page.getByRole('heading', { name: '77105-REVIEW DISTRICT 77105' }) });
  expect(await card.getByRole('listitem').allInnerTexts()).toEqual(['Test ADMINISTRATOR: Work phone 555-0100 ext 12']);
  await checkPage(page, 'review-find-administrator-reach', 'phone');

  await search('77106');
  await page.getByText('This organization has no administrator who can help on record.').waitFor();
  await page.getByText(`Ask the pension system's employer helpdesk: ${HELPDESK}.`).waitFor();
  expect(await page.locator('.card').getByRole('listitem').count()).toBe(0);
  await checkPage(page, 'review-find-administrator-nobody', 'phone');

  await search('zz-no-such-organization');
  await page.getByText(`Ask the pension system's employer helpdesk: ${HELPDESK}.`).waitFor();
  await checkPage(page, 'review-find-administrator-not-found', 'phone');
  expect(consoleErrors).toEqual([]);
  await context.close();
});

it('every password field has "Show password", and Sign In says it is busy until the answer comes', async () => {
  await createOrganization(federation, '77107', 'REVIEW DISTRICT PASSWORDS');
  const person = await signedInContact(federation, '77107', [ContactType.PAYROLL], 'show.password@r77107.example');
  const { context, page, consoleErrors } = await openWindow(browser, origin, 'phone');
  await page.goto(`${origin}/sign-in`);
  await page.getByLabel('User Name (Email ID)').fill(person.email);
  const password = page.getByLabel('Password', { exact: true });
  await password.fill(PASSWORD);
  expect(await password.getAttribute('type')).toBe('password');
  await page.getByRole('button', { name: 'Show password' }).click();
  expect(await password.getAttribute('type')).toBe('text');
  expect(await password.inputValue()).toBe(PASSWORD);
  await checkPage(page, 'review-sign-in-password-shown', 'phone');
  await page.getByRole('button', { name: 'Hide password' }).click();
  expect(await password.getAttribute('type')).toBe('password');

  // The answer is held back: the button says "Signing in…" and cannot be pressed twice.
  let release!: () => void;
  const held = new Promise<void>((resolve) => (release = resolve));
  await page.route('**/session/login', async (route) => {
    await held;
    await route.continue();
  });
  await page.getByRole('button', { name: 'Sign In', exact: true }).click();
  const busy = page.getByRole('button', { name: 'Signing in…' });
  await busy.waitFor();
  expect(await busy.isDisabled()).toBe(true);
  await checkPage(page, 'review-sign-in-busy', 'phone');
  release();
  await heading(page, 'My account');

  // The account's password fields (Change password): each has its own toggle, right after it.
  await page.getByLabel('Current password', { exact: true }).waitFor();
  const inputs = page.locator('input[type="password"]');
  expect(await inputs.count()).toBeGreaterThanOrEqual(3);
  expect(await page.getByRole('button', { name: 'Show password' }).count()).toBe(await inputs.count());
  const newPassword = page.getByLabel('New password', { exact: true });
  await newPassword.fill('a passphrase to look at');
  await newPassword.locator('xpath=following-sibling::button[1]').click();
  expect(await newPassword.getAttribute('type')).toBe('text');
  expect(await page.getByLabel('Current password', { exact: true }).getAttribute('type')).toBe('password');
  expect(consoleErrors).toEqual([]);
  await context.close();
});

it('an unknown path serves the app\'s own "Page not found" with 404, not the framework\'s "Cannot GET"', async () => {
  const answer = await fetch(`${origin}/nope`, { headers: { accept: 'text/html' } });
  expect(answer.status).toBe(404);
  expect(answer.headers.get('content-security-policy')).toMatch(/default-src 'none'/);
  const html = await answer.text();
  expect(html).toMatch(/<div id="root"><\/div>/);
  expect(html).not.toMatch(/Cannot GET/);
  // Not a browser: the plain 404 stays.
  expect((await fetch(`${origin}/nope`, { headers: { accept: 'application/json' } })).status).toBe(404);

  const { context, page, consoleErrors } = await openWindow(browser, origin, 'phone');
  const response = await page.goto(`${origin}/nope`);
  expect(response?.status()).toBe(404);
  await heading(page, 'Page not found');
  await checkPage(page, 'review-not-found', 'phone');
  expect(consoleErrors).toEqual([]);
  await context.close();
});
