import { readFileSync } from 'node:fs';
import ExcelJS from 'exceljs';
import type { Browser, Page } from 'playwright-core';
import { ContactType } from '@ecg/policy';
import { TEST_STAFF, type Federation } from './support/federation';
import { contactInput, createContact, createOrganization, PASSWORD, signedInContact } from './support/people';
import { startWebBed, stopWebBed, type WebBed } from './support/web-bed';
import { checkPage, heading, openWindow, signInOnPage, type ViewportName } from './support/web-browser';

// The ESS Organization Contact Maintenance screen at /organization/contacts, driven by
// the job aid's labels in Debian's Chromium, on the real federation (MariaDB) and a real SMTP server.
jest.setTimeout(240_000);
let federation: Federation;
let smtp: WebBed['smtp'];
let browser: Browser;
let origin: string;

beforeAll(async () => void ({ federation, smtp, browser, origin } = await startWebBed('webcontacts')), 120_000);
afterAll(() => stopWebBed({ federation, smtp, browser }));

const signIn = (page: Page, userName: string, password: string) => signInOnPage(page, origin, userName, { password });

async function openScreen(page: Page) {
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Organization Contacts' }).click();
  await heading(page, 'ESS Organization Contact Maintenance');
}

/** Press one of the Self Service buttons and answer the job aid's pop-up with OK. */
async function pressAndConfirm(
  page: Page,
  button: string,
  question: string,
  viewport: ViewportName,
  screenshot: string,
) {
  await page.getByRole('button', { name: button, exact: true }).click();
  const dialog = page.getByRole('dialog', { name: question });
  await dialog.waitFor();
  await checkPage(page, screenshot, viewport);
  await dialog.getByRole('button', { name: 'OK' }).click();
  await dialog.waitFor({ state: 'detached' });
}

describe.each<ViewportName>(['desktop', 'phone'])('on a %s screen', (viewport) => {
  it('does the job aid end to end as an Administrator of 42061: New, Save, Register, types, Unlock, Re-Enroll, Export To Excel', async () => {
    const admin = await signedInContact(
      federation,
      '42061',
      [ContactType.ADMINISTRATOR],
      `aid.admin.${viewport}@county.xorg`,
    );
    const { context, page, consoleErrors, offsite } = await openWindow(browser, origin, viewport);
    await signIn(page, admin.email, PASSWORD);
    await openScreen(page);
    await heading(page, 'Contacts for 42061-COUNTY OFFICE OF EDUCATION', 2);
    await checkPage(page, 'contacts-list', viewport);

    // 1) Creating a New Employer Contact.
    await page.getByRole('button', { name: 'New', exact: true }).click();
    await heading(page, 'Contact Details: new contact', 2);
    await page.getByRole('button', { name: 'Save', exact: true }).click();
    await page.getByText('Enter the First Name.').first().waitFor();
    await checkPage(page, 'contacts-form-errors', viewport);
    const email = `aardvark.${viewport}@county.xorg`;
    const last = viewport === 'desktop' ? 'Aardvark' : 'Aardwolf';
    await page.getByLabel('First Name').fill('Abigail');
    await page.getByLabel('Last Name', { exact: true }).fill(last);
    await page.getByLabel('Primary Email Address', { exact: true }).fill(email);
    await page.getByLabel('Confirm Primary Email Address').fill(email);
    await page.getByLabel('Job Title').fill('Payroll lead');
    await page.getByRole('checkbox', { name: 'Administrator', exact: true }).check();
    await page.getByRole('button', { name: 'Save', exact: true }).click();
    await page.getByRole('status').filter({ hasText: 'All changes successfully saved.' }).waitFor();
    await page.getByRole('row', { name: new RegExp(`Abigail ${last}`) }).waitFor();
    expect(await page.getByRole('row', { name: new RegExp(`Abigail ${last}`) }).innerText()).toMatch(
      new RegExp(`Active\\s+${email}\\s+Administrator`),
    );
    await heading(page, `Contact Details: Abigail ${last}`, 2);
    await checkPage(page, 'contacts-saved', viewport);

    // Register, confirmed first; the mail arrives.
    await page.getByRole('link', { name: `Abigail ${last}` }).click();
    await pressAndConfirm(
      page,
      'Register',
      'Are you sure you want to register?',
      viewport,
      'contacts-confirm-register',
    );
    await page.getByText(`Registered. ${email} was emailed a temporary password`).waitFor();
    const [registration] = await smtp.waitFor(email);
    expect(registration.subject).toMatch(/registration/);
    expect(await page.locator('dl.details').innerText()).toMatch(/Status\s+Registration Pending/);
    expect(await page.getByRole('button', { name: 'Register', exact: true }).count()).toBe(0);

    // 2) Updating an Employer Contact: another contact type, Save.
    await page.getByRole('checkbox', { name: 'Payroll', exact: true }).check();
    await page.getByRole('button', { name: 'Save', exact: true }).click();
    await page.getByRole('status').filter({ hasText: 'All changes successfully saved.' }).waitFor();
    await page.getByRole('row', { name: new RegExp(`Abigail ${last}.*Administrator, Payroll`) }).waitFor();

    // 4) Unlocking: three wrong passwords lock the login; Unlock appears only then.
    expect(await page.getByRole('button', { name: 'Unlock', exact: true }).count()).toBe(0);
    for (let i = 0; i < 3; i++)
      await federation.query(
        'mutation ($u: String!) { login(userName: $u, password: "not the password") { accessToken } }',
        { u: email },
      );
    await page.getByRole('link', { name: `Abigail ${last}` }).click();
    await page.getByRole('button', { name: 'Unlock', exact: true }).waitFor();
    expect(await page.locator('dl.details').innerText()).toMatch(/Status\s+Locked/);
    await checkPage(page, 'contacts-panel-locked', viewport);
    await pressAndConfirm(page, 'Unlock', 'Are you sure you want to unlock?', viewport, 'contacts-confirm-unlock');
    await page.getByText(`Unlock started. ${email} was emailed a link`).waitFor();
    expect((await smtp.waitFor(email, 3)).some((m) => /finish unlocking/.test(m.subject))).toBe(true);

    // 3) Re-enrolling.
    await pressAndConfirm(
      page,
      'Re-Enroll',
      'Are you sure you want to re-enroll?',
      viewport,
      'contacts-confirm-re-enroll',
    );
    await page.getByText(`Re-enrolled. ${email} was emailed a new temporary password`).waitFor();
    expect((await smtp.waitFor(email, 4)).some((m) => /re-enrolled/.test(m.subject))).toBe(true);
    // The panel is read again after the message: wait for it rather than read it at once.
    await page
      .waitForFunction(() =>
        /Is Reenrolled Set\s+Y/.test(document.querySelector<HTMLElement>('dl.details')?.innerText ?? ''),
      )
      .catch(() => undefined);
    expect(await page.locator('dl.details').innerText()).toMatch(/Is Reenrolled Set\s+Y/);

    // The contact's audit trail and its login's security events.
    await page.getByRole('heading', { name: /Audit trail/ }).waitFor();
    expect(await page.getByRole('region', { name: /Security events of the login/ }).innerText()).toMatch(/Re-enrolled/);
    await checkPage(page, 'contacts-history', viewport);

    // Export To Excel: the real spreadsheet downloads and lists the contacts.
    const downloaded = page.waitForEvent('download');
    await page.getByRole('button', { name: 'Export To Excel' }).click();
    const file = await downloaded;
    expect(file.suggestedFilename()).toMatch(/\.xlsx$/);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(readFileSync(await file.path()) as never);
    const names = workbook.getWorksheet('Contacts')!.getColumn(1).values.filter(Boolean);
    expect(names).toEqual(expect.arrayContaining(['Full Name', `Abigail ${last}`, 'Bruno Contact']));

    expect(offsite).toEqual([]);
    expect(consoleErrors).toEqual([]);
    await context.close();
  });
});

it('explains a version conflict with a way to reload, and LAST_ADMINISTRATOR in words', async () => {
  const orgId = await createOrganization(federation, '55501', 'LONE ADMIN DISTRICT');
  expect(orgId).toBeTruthy();
  const lone = await signedInContact(federation, '55501', [ContactType.ADMINISTRATOR], 'lone.admin@district.example');
  const { context, page, consoleErrors } = await openWindow(browser, origin, 'desktop');
  await signIn(page, lone.email, PASSWORD);
  await openScreen(page);
  await page.getByRole('link', { name: 'Test ADMINISTRATOR' }).click();
  await page.getByRole('checkbox', { name: 'Administrator', exact: true }).uncheck();
  await page.getByRole('checkbox', { name: 'Read Only', exact: true }).check();
  await page.getByRole('button', { name: 'Save', exact: true }).click();
  await page
    .getByRole('alert')
    .getByText('This change would leave the organization without an active Administrator')
    .waitFor();
  await checkPage(page, 'contacts-last-administrator', 'desktop');

  // Someone else saves meanwhile: Save says so and offers to reload.
  const staff = await federation.staffToken();
  const { data } = await federation.query(
    'query ($id: ID!) { contact(id: $id) { version } }',
    { id: lone.id },
    { token: staff },
  );
  const input = {
    ...contactInput('Test', 'ADMINISTRATOR', lone.email, [ContactType.ADMINISTRATOR]),
    jobTitle: 'Changed elsewhere',
  };
  const elsewhere = await federation.query(
    'mutation ($id: ID!, $v: Int!, $input: ContactDetailsInput!) { updateContact(id: $id, expectedVersion: $v, input: $input) { version } }',
    { id: lone.id, v: data.contact.version, input: { ...input, confirmPrimaryEmail: lone.email } },
    { token: staff },
  );
  expect(elsewhere.errors).toBeUndefined();
  await page.getByRole('checkbox', { name: 'Administrator', exact: true }).check();
  await page.getByRole('button', { name: 'Save', exact: true }).click();
  await page.getByRole('alert').getByText('This contact was changed by someone else after you opened it').waitFor();
  await checkPage(page, 'contacts-conflict', 'desktop');
  await page.getByRole('button', { name: 'Reload contact' }).click();
  await page.getByRole('alert').waitFor({ state: 'detached' });
  expect(await page.getByLabel('Job Title').inputValue()).toBe('Changed elsewhere');
  expect(consoleErrors).toEqual([]);
  await context.close();
});

it('pages and sorts 250 contacts from the server: page 3 shows "Results 21 - 30 of 250", sorted by full name', async () => {
  const organizationId = await createOrganization(federation, '25025', 'TWO FIFTY DISTRICT');
  expect(organizationId).toBeTruthy();
  const names = Array.from({ length: 250 }, (_, i) => `Person${String(i + 1).padStart(3, '0')}`);
  for (let i = 0; i < names.length; i += 25) {
    await Promise.all(
      names
        .slice(i, i + 25)
        .map((first) =>
          createContact(
            federation,
            '25025',
            contactInput(first, 'Many', `${first.toLowerCase()}@fifty.example`, [ContactType.READ_ONLY]),
          ),
        ),
    );
  }
  const { context, page, consoleErrors } = await openWindow(browser, origin, 'desktop');
  const requests: string[] = [];
  page.on('request', (r) => r.url().endsWith('/graphql') && requests.push(r.postData() ?? ''));
  await signIn(page, TEST_STAFF.email, TEST_STAFF.password);
  await openScreen(page);
  await page.getByLabel('Search for Organization (Hint: Org Code, Org Name)').fill('25025');
  await page.getByRole('button', { name: 'Search', exact: true }).click();
  await heading(page, 'Contacts for 25025-TWO FIFTY DISTRICT', 2);
  await page.getByText('Page 1 of 25 | Results 1 - 10 of 250').waitFor();
  await page.getByRole('button', { name: 'Next' }).click();
  await page.getByRole('button', { name: 'Next' }).click();
  await page.getByText('Page 3 of 25 | Results 21 - 30 of 250').waitFor();
  const shown = async () =>
    (await page.locator('table.contacts tbody tr td.name-column').allInnerTexts()).map((n) => n.trim());
  expect(await shown()).toEqual(names.slice(20, 30).map((n) => `${n} Many`));
  await checkPage(page, 'contacts-page-3', 'desktop');
  // Full Name sorts the other way, back on page 1; the browser never asked for more than a page.
  await page.getByRole('button', { name: /Full Name/ }).click();
  await page.getByText('Page 1 of 25 | Results 1 - 10 of 250').waitFor();
  expect(await shown()).toEqual(
    [...names]
      .reverse()
      .slice(0, 10)
      .map((n) => `${n} Many`),
  );
  expect(await page.getByRole('columnheader', { name: /Full Name/ }).getAttribute('aria-sort')).toBe('descending');
  expect(requests.filter((r) => r.includes('contacts(')).every((r) => /"pageSize":10/.test(r))).toBe(true);
  expect(consoleErrors).toEqual([]);
  await context.close();
});

it("shows the organization's health, checks a mass email upload before writing it, and lets staff write the panel's messages", async () => {
  await createOrganization(federation, '66601', 'SINGLE ADMIN DISTRICT');
  const single = await signedInContact(
    federation,
    '66601',
    [ContactType.ADMINISTRATOR],
    'single.admin@district.example',
  );
  const { context, page, consoleErrors } = await openWindow(browser, origin, 'desktop');
  await signIn(page, TEST_STAFF.email, TEST_STAFF.password);
  await openScreen(page);
  const chooseOrganization = async (code: string) => {
    await page.getByLabel('Search for Organization (Hint: Org Code, Org Name)').fill(code);
    await page.getByRole('button', { name: 'Search', exact: true }).click();
    await page.getByRole('heading', { name: new RegExp(`^Contacts for ${code}-`) }).waitFor();
  };

  // 42061: every Administrator is fine, but Gisela Villa has no email.
  await chooseOrganization('42061');
  const health = page.getByRole('region', { name: 'Organization health' });
  await health.getByText('1 active contact has no email address').waitFor();
  expect(await health.getByRole('listitem').allInnerTexts()).toEqual([expect.stringMatching(/^Gisela Villa\b/)]);
  expect(await health.getByText('Fewer than two active Administrators').count()).toBe(0);

  // The upload: "Check file" shows each row's fate and writes nothing; "Apply changes" writes.
  const { data } = await federation.query(
    '{ organization(code: "42061") { contactsMissingEmail { items { id } } } }',
    {},
    { token: await federation.staffToken() },
  );
  const gisela = data.organization.contactsMissingEmail.items[0].id as string;
  await page
    .getByLabel('CSV lines')
    .fill(`contact,email\n${gisela},gisela.villa@county.xorg\nnobody@nowhere.example,someone@county.xorg\n`);
  await page.getByRole('button', { name: 'Check file' }).click();
  await page.getByText('Checked: 1 would be updated, 1 rejected. Nothing is saved yet.').waitFor();
  const rows = page.getByRole('region', { name: 'Upload rows' });
  expect(await rows.innerText()).toMatch(/2\s+\S+\s+gisela\.villa@county\.xorg\s+Will be updated/);
  expect(await rows.innerText()).toMatch(
    /3\s+nobody@nowhere\.example\s+someone@county\.xorg\s+Rejected: no contact of this organization has this id or email/,
  );
  await checkPage(page, 'contacts-upload-checked', 'desktop');
  expect(await health.getByText('1 active contact has no email address').count()).toBe(1);
  await page.getByRole('button', { name: 'Apply changes' }).click();
  await page.getByText('Saved: 1 updated, 1 rejected.').waitFor();
  await health.getByText('No warnings').waitFor();
  await page.getByRole('row', { name: /Gisela Villa.*gisela\.villa@county\.xorg/ }).waitFor();

  // 66601 has a single Administrator: the warning says so and what to do.
  await chooseOrganization('66601');
  await health.getByText('Fewer than two active Administrators (1)').waitFor();
  await checkPage(page, 'contacts-health-warning', 'desktop');

  // Staff write the panel's messages; the organization's administrator sees only the external one.
  await page.getByRole('link', { name: 'Test ADMINISTRATOR' }).click();
  await page.getByLabel('Internal Message').fill('Verified by phone on intake.');
  await page.getByLabel('External Message').fill('Call the help desk before re-enrolling.');
  await page.getByRole('button', { name: 'Save messages' }).click();
  await page.getByText('Messages saved.').waitFor();
  await page.locator('dl.details').getByText('Call the help desk before re-enrolling.').waitFor();
  await checkPage(page, 'contacts-staff-messages', 'desktop');
  await context.close();

  const admin = await openWindow(browser, origin, 'desktop');
  await signIn(admin.page, single.email, PASSWORD);
  await openScreen(admin.page);
  await admin.page.getByRole('link', { name: 'Test ADMINISTRATOR' }).click();
  await admin.page.locator('dl.details').getByText('Call the help desk before re-enrolling.').waitFor();
  expect(await admin.page.getByLabel('Internal Message').count()).toBe(0);
  expect(await admin.page.locator('main').innerText()).not.toMatch(/Verified by phone/);
  expect([...consoleErrors, ...admin.consoleErrors]).toEqual([]);
  await admin.context.close();
});
