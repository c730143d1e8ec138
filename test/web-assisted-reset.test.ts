import { randomBytes } from 'node:crypto';
import type { Browser, Page } from 'playwright-core';
import { ContactType } from '@ecg/policy';
import type { Federation } from './support/federation';
import { contactInput, createContact, createOrganization, giveLogin } from './support/people';
import { collectAssistedResetCode, collectSecret } from './support/secrets';
import { startWebBed, stopWebBed, type WebBed } from './support/web-bed';
import { checkPage, heading, openWindow, signInOnPage, type ViewportName } from './support/web-browser';

// People the email cannot reach, on the screens (DESIGN.md section 9): the administrator's
// "Assisted reset" on the Self Service Details panel gives a one-time code; the person enters it on
// /self-service/assisted-reset with a new password and is signed in. And "Register selected" on the
// contact list. In Chromium on the real federation, at a desktop and a phone size.
jest.setTimeout(300_000);
let federation: Federation;
let smtp: WebBed['smtp'];
let browser: Browser;
let origin: string;

beforeAll(async () => void ({ federation, smtp, browser, origin } = await startWebBed('webassist')), 120_000);
afterAll(() => stopWebBed({ federation, smtp, browser }));

const unique = () => randomBytes(4).toString('hex');
const NEW_PASSWORD = 'a brand new private passphrase';
collectSecret('password', NEW_PASSWORD);

const signIn = (page: Page, email: string) => signInOnPage(page, origin, email, { landing: 'My account' });

describe.each<ViewportName>(['desktop', 'phone'])('on a %s screen', (viewport) => {
  it("the administrator's panel gives a code, the person enters it on the public page and is signed in", async () => {
    const code = `W${unique()}`.slice(0, 8).toUpperCase();
    await createOrganization(federation, code, `ASSIST DISTRICT ${code}`);
    const adminEmail = `ada.${unique()}@assist.example`;
    const adminId = await createContact(
      federation,
      code,
      contactInput('Ada', 'Admin', adminEmail, [ContactType.ADMINISTRATOR]),
    );
    await giveLogin(federation, adminId, code, adminEmail);
    const personEmail = `pat.${unique()}@assist.example`;
    const personId = await createContact(
      federation,
      code,
      contactInput('Pat', 'Person', personEmail, [ContactType.PAYROLL]),
    );
    await giveLogin(federation, personId, code, personEmail);

    const admin = await openWindow(browser, origin, viewport);
    await signIn(admin.page, adminEmail);
    await admin.page.goto(`${origin}/organization/contacts?contact=${personId}`);
    await heading(admin.page, /Contact Details: Pat Person/, 2);
    await admin.page.getByRole('button', { name: 'Assisted reset' }).click();
    // At least one fact: an empty form is refused on the page.
    await admin.page.getByRole('button', { name: 'Give a one-time code' }).click();
    await admin.page.getByText(/Write down at least one fact you checked/).waitFor();
    await admin.page.getByLabel('Fact checked 1').fill('date of birth');
    await admin.page.getByRole('button', { name: 'Add another fact' }).click();
    await admin.page.getByLabel('Fact checked 2').fill('called back on the number HR holds');
    await checkPage(admin.page, `assisted-reset-form`, viewport);
    await admin.page.getByRole('button', { name: 'Give a one-time code' }).click();
    await heading(admin.page, /One-time code for/, 3);
    const shown = (await admin.page.locator('.one-time-code span').allTextContents()).join('-');
    collectAssistedResetCode(shown);
    expect(shown).toMatch(/^[A-Z2-9]{4}-[A-Z2-9]{4}-[A-Z2-9]{4}$/);
    await admin.page.getByText(/It works once, until/).waitFor();
    await checkPage(admin.page, `assisted-reset-code`, viewport);
    expect(admin.offsite).toEqual([]);
    expect(admin.consoleErrors).toEqual([]);

    // The person, on another computer: from the forgot-password page, in plain words.
    const person = await openWindow(browser, origin, viewport);
    await person.page.goto(`${origin}/self-service/forgot-password`);
    await person.page.getByRole('link', { name: 'I have a code from my administrator' }).click();
    await heading(person.page, 'Reset your password with a code from your administrator');
    await person.page.getByLabel('User Name (Email ID)').fill(personEmail);
    await person.page.getByLabel('Code from your administrator').fill(shown.toLowerCase().replace(/-/g, ' '));
    await person.page.getByLabel('New password', { exact: true }).fill(NEW_PASSWORD);
    await person.page.getByLabel('Confirm new password', { exact: true }).fill(NEW_PASSWORD);
    await checkPage(person.page, `assisted-reset-page`, viewport);
    await person.page.getByRole('button', { name: 'Reset password and sign in' }).click();
    await heading(person.page, 'My account');
    await person.page.getByText('Your new password is saved, and you are signed in.').waitFor();
    expect(person.offsite).toEqual([]);
    expect(person.consoleErrors).toEqual([]);
    const [mail] = await smtp.waitForSubject(personEmail, /administrator's help/);
    expect(mail.text).toContain('If this was not you');

    // The code worked once: the same again is refused in the page's words.
    const again = await openWindow(browser, origin, viewport);
    await again.page.goto(`${origin}/self-service/assisted-reset`);
    await again.page.getByLabel('User Name (Email ID)').fill(personEmail);
    await again.page.getByLabel('Code from your administrator').fill(shown);
    await again.page.getByLabel('New password', { exact: true }).fill(`${NEW_PASSWORD} again`);
    await again.page.getByLabel('Confirm new password', { exact: true }).fill(`${NEW_PASSWORD} again`);
    await again.page.getByRole('button', { name: 'Reset password and sign in' }).click();
    await heading(again.page, 'The user name or code is not correct', 2);
    await Promise.all([admin.context.close(), person.context.close(), again.context.close()]);
  });

  it('"Register selected": rows ticked, confirmed with the count, one outcome each', async () => {
    const code = `R${unique()}`.slice(0, 8).toUpperCase();
    await createOrganization(federation, code, `BATCH DISTRICT ${code}`);
    const adminEmail = `ada.${unique()}@assist.example`;
    const adminId = await createContact(
      federation,
      code,
      contactInput('Ada', 'Admin', adminEmail, [ContactType.ADMINISTRATOR]),
    );
    await giveLogin(federation, adminId, code, adminEmail);
    const newEmail = `nina.${unique()}@assist.example`;
    await createContact(federation, code, contactInput('Nina', 'New', newEmail, [ContactType.PAYROLL]));
    await createContact(
      federation,
      code,
      contactInput('Olga', 'Other', `olga.${unique()}@assist.example`, [ContactType.BENEFIT]),
    );

    const { page, context, consoleErrors } = await openWindow(browser, origin, viewport);
    await signIn(page, adminEmail);
    await page.goto(`${origin}/organization/contacts`);
    await heading(page, /Contacts for/, 2);
    // The row checkboxes leave the Full Name sort in view, on a phone too.
    expect(await page.getByRole('button', { name: /Full Name/ }).isVisible()).toBe(true);
    await page.getByLabel('Select Nina New').check();
    await page.getByLabel('Select Olga Other').check();
    // The administrator is registered already: its outcome says so.
    await page.getByLabel('Select Ada Admin').check();
    await page.getByRole('button', { name: 'Register selected (3)' }).click();
    const dialog = page.getByRole('dialog', { name: 'Are you sure you want to register 3 contacts?' });
    await dialog.waitFor();
    await dialog.getByRole('button', { name: 'OK' }).click();
    await heading(page, 'Register selected: 3 contacts', 3);
    await page.getByText(/Nina New: Registered: a temporary password was emailed/).waitFor();
    await page.getByText(/Olga Other: Registered/).waitFor();
    await page.getByText(/Ada Admin: Not registered: .*already registered/).waitFor();
    await checkPage(page, 'register-selected', viewport);
    const [mail] = await smtp.waitFor(newEmail, 1);
    expect(mail.text).toMatch(/Temporary password: \S+/);
    expect(consoleErrors).toEqual([]);
    await context.close();
  });
});
