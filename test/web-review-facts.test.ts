import { readFileSync } from 'node:fs';
import ExcelJS from 'exceljs';
import type { Browser, Page } from 'playwright-core';
import { ContactType } from '@ecg/policy';
import type { Federation } from './support/federation';
import {
  contactInput,
  createContact,
  createOrganization,
  currentVersion,
  PASSWORD,
  signedInContact,
} from './support/people';
import { codeAt } from './support/second-factor';
import { REGISTER, selfServiceFlows } from './support/self-service-flows';
import { startWebBed, stopWebBed, type WebBed } from './support/web-bed';
import { checkPage, openWindow, type ViewportName } from './support/web-browser';

// What the browser review found in the facts a screen shows: the audit trail in the form's words
// and the actor's name; times in one named zone, the mails' (a zone unlike the browser's here);
// the authenticator app can be removed from My account.
jest.setTimeout(300_000);
const ZONE = 'America/Los_Angeles';
let federation: Federation;
let smtp: WebBed['smtp'];
let browser: Browser;
let origin: string;

beforeAll(async () => {
  ({ federation, smtp, browser, origin } = await startWebBed('webfacts', { DISPLAY_TIME_ZONE: ZONE }));
}, 180_000);
afterAll(() => stopWebBed({ federation, smtp, browser }));

async function signIn(page: Page, userName: string, password = PASSWORD) {
  await page.goto(`${origin}/sign-in`);
  await page.getByLabel('User Name (Email ID)').fill(userName);
  await page.getByLabel('Password', { exact: true }).fill(password);
  await page.getByRole('button', { name: 'Sign In' }).click();
}

const SAVE = `mutation ($id: ID!, $v: Int!, $input: ContactDetailsInput!) {
  updateContact(id: $id, expectedVersion: $v, input: $input) { id } }`;

describe.each<ViewportName>(['desktop', 'phone'])('on a %s screen', (viewport) => {
  const code = viewport === 'desktop' ? '79101' : '79102';
  let admin: { id: string; email: string; token: string };
  let hana: string;

  it("the contact's history says what changed in the form's words, and who changed it by name", async () => {
    await createOrganization(federation, code, `FACTS DISTRICT ${code}`);
    admin = await signedInContact(federation, code, [ContactType.ADMINISTRATOR], `admin@f${code}.example`);
    const email = `hana@f${code}.example`;
    const input = contactInput('Hana', 'Audit', email, [ContactType.READ_ONLY]);
    const id = await createContact(federation, code, input);
    hana = id;
    const changed = {
      ...input,
      firstName: 'Hannah',
      gender: 'FEMALE',
      status: 'INACTIVE',
      contactTypes: [ContactType.READ_ONLY, ContactType.PAYROLL],
    };
    const saved = await federation.query(
      SAVE,
      { id, v: await currentVersion(federation, id), input: changed },
      { token: admin.token },
    );
    expect(saved.errors).toBeUndefined();
    const staffName = (
      await federation.query('{ me { staff { displayName } } }', {}, { token: await federation.staffToken() })
    ).data.me.staff.displayName as string;

    const { context, page, consoleErrors } = await openWindow(browser, origin, viewport);
    await signIn(page, admin.email);
    await page.waitForURL((url) => url.pathname !== '/sign-in');
    await page.goto(`${origin}/organization/contacts`);
    await page.getByRole('heading', { level: 1, name: 'ESS Organization Contact Maintenance' }).waitFor();
    await page.getByRole('link', { name: 'Hannah Audit' }).click();
    const trail = page.getByRole('region', { name: /Audit trail/ });
    await trail.getByRole('row').nth(2).waitFor();
    const [update, create] = await trail
      .getByRole('row')
      .allInnerTexts()
      .then((rows) => rows.slice(1));
    expect(update).toMatch(/Updated/);
    expect(update).toContain('First Name: Hana → Hannah');
    expect(update).toContain('Gender: — → Female');
    expect(update).toContain('Status: Active → Inactive');
    expect(update).toContain('Contact Types: Read Only → Payroll, Read Only');
    expect(update).toContain('Test ADMINISTRATOR');
    expect(create).toMatch(/Created/);
    expect(create).toContain(`Pension staff (${staffName})`);
    expect(create).toContain('Primary Email Address: — → ' + email);
    // No code names, no nameless actor.
    for (const row of [update, create]) expect(row).not.toMatch(/firstName|ACTIVE|READ_ONLY|An administrator/);
    await checkPage(page, 'facts-history', viewport);
    expect(consoleErrors).toEqual([]);
    await context.close();
  });

  it('a mail and the screen write the same moment alike, in the one zone, named', async () => {
    const flows = selfServiceFlows(federation, smtp);
    // Active again, then registered: the mail says until when the temporary password works.
    const reactivate = await federation.query(
      SAVE,
      {
        id: hana,
        v: await currentVersion(federation, hana),
        input: { ...contactInput('Hannah', 'Audit', `hana@f${code}.example`, [ContactType.READ_ONLY]) },
      },
      { token: admin.token },
    );
    expect(reactivate.errors).toBeUndefined();
    expect((await flows.asStaff(REGISTER, { id: hana })).errors).toBeUndefined();
    const mail = await flows.nextMail(`hana@f${code}.example`, /registration/);
    const mailed = /Sign in before (.+) \(24 hours\)/.exec(mail.text)![1];
    // Los Angeles is never UTC: PST or PDT, named.
    expect(mailed).toMatch(/^\d{1,2} \w{3} \d{4}, \d{2}:\d{2} (PST|PDT|GMT-[78])$/);

    const { context, page, consoleErrors } = await openWindow(browser, origin, viewport);
    await signIn(page, admin.email);
    await page.waitForURL((url) => url.pathname !== '/sign-in');
    await page.goto(`${origin}/organization/contacts`);
    await page.getByRole('link', { name: 'Hannah Audit' }).click();
    const panel = page.locator('dl.details');
    await panel.getByText('OTP Expiry Date').waitFor();
    expect(await panel.innerText()).toMatch(new RegExp(`OTP Expiry Date\\s+${mailed}`));
    await checkPage(page, 'facts-time-zone', viewport);

    // Export To Excel: named by organization and the day in the display zone; the login's status, the form's fields.
    const downloaded = page.waitForEvent('download');
    await page.getByRole('button', { name: 'Export To Excel' }).click();
    const file = await downloaded;
    const day = new Intl.DateTimeFormat('en-CA', { timeZone: ZONE }).format(new Date());
    expect(file.suggestedFilename()).toBe(`contacts-${code}-${day}.xlsx`);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(readFileSync(await file.path()) as never);
    const sheet = workbook.getWorksheet('Contacts')!;
    const header = (sheet.getRow(1).values as unknown[]).slice(1);
    const hannah = (sheet.getRow(2).values as unknown[]).slice(1);
    expect(hannah.slice(0, 5)).toEqual([
      'Hannah Audit',
      'Active',
      `hana@f${code}.example`,
      'Read Only',
      'Registration Pending',
    ]);
    expect(header).toEqual(expect.arrayContaining(['Self Service Status', 'First Name', 'Job Title', 'Gender']));
    expect(sheet.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
    expect(consoleErrors).toEqual([]);
    await context.close();
  });

  it('My account removes the authenticator app: asked first, the fresh code confirms it, the recovery codes go with it', async () => {
    const person = await signedInContact(federation, code, [ContactType.READ_ONLY], `app@f${code}.example`);
    const START = `mutation { startTotpEnrolment(currentPassword: "${PASSWORD}") { secret } }`;
    const { secret } = (await federation.query(START, {}, { token: person.token })).data.startTotpEnrolment;
    const confirmed = await federation.query(
      'mutation ($c: String!) { confirmTotpEnrolment(code: $c) { codes } }',
      { c: codeAt(secret, -1) },
      { token: person.token },
    );
    expect(confirmed.errors).toBeUndefined();

    const { context, page, consoleErrors } = await openWindow(browser, origin, viewport);
    await signIn(page, person.email);
    await page.getByLabel('Authentication code').fill(codeAt(secret, 0));
    await page
      .getByRole('button', { name: /Verify|Sign In|Continue/ })
      .first()
      .click();
    await page.waitForURL((url) => !/sign-in|second/.test(url.pathname));
    await page.goto(`${origin}/account`);
    await page.getByRole('button', { name: 'Remove authenticator app' }).click();
    const dialog = page.getByRole('dialog', { name: 'Remove the authenticator app?' });
    await dialog.waitFor();
    await checkPage(page, 'facts-remove-authenticator-ask', viewport);
    await dialog.getByRole('button', { name: 'Remove' }).click();
    // The proof first: a code from the app (the session alone is not enough).
    await page.getByText('Enter the code your authenticator app shows now, or one of your recovery codes.').waitFor();
    await page.getByLabel('Code or recovery code, to confirm it is you').fill(codeAt(secret, 1));
    await page.getByRole('button', { name: 'Remove authenticator app' }).click();
    await page
      .getByRole('dialog', { name: 'Remove the authenticator app?' })
      .getByRole('button', { name: 'Remove' })
      .click();
    await page.getByText('Authenticator app removed, and your recovery codes with it.').waitFor();
    await page.getByRole('button', { name: 'Set up an authenticator app' }).waitFor();
    expect(await page.getByRole('button', { name: 'Remove authenticator app' }).count()).toBe(0);
    await page.getByRole('cell', { name: 'Authenticator app removed' }).waitFor();
    await checkPage(page, 'facts-remove-authenticator-done', viewport);
    expect(
      (await federation.query('{ me { secondFactorKinds } }', {}, { token: person.token })).data.me.secondFactorKinds,
    ).toEqual([]);
    expect(consoleErrors).toEqual([]);
    await context.close();
  });
});
