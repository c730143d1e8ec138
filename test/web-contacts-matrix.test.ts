import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import type { ContactType } from '@ecg/policy';
import { startFederation, type Federation } from './support/federation';
import { contactInput, createContact, PASSWORD, signedInContact } from './support/people';
import { checkPage, launchChromium, openWindow } from './support/web-browser';

// The maintenance screen's controls come from the capability matrix. Generated from
// packages/policy/capability-matrix.json: for each of the 13 contact types, a contact of that type signs
// in and sees exactly the controls its type allows, and nothing of another organization.
jest.setTimeout(120_000);
const matrix = JSON.parse(readFileSync(resolve(__dirname, '../packages/policy/capability-matrix.json'), 'utf8')) as {
  contactTypes: { key: ContactType; label: string; capabilities: Record<string, 'NONE' | 'READ' | 'EDIT'> }[];
};

let federation: Federation;
let browser: Browser;
let origin: string;
const LOCKED = 'aaa.locked@county.xorg';

beforeAll(async () => {
  federation = await startFederation('webmatrix');
  origin = new URL(federation.gatewayUrl).origin;
  browser = await launchChromium();
  const staff = await federation.staffToken();
  // One contact with no login yet (Register applies) and one whose login is locked (Unlock and Re-Enroll apply).
  await createContact(
    federation,
    '42061',
    contactInput('Aab', 'Unregistered', 'aab.unregistered@county.xorg', ['READ_ONLY' as ContactType]),
  );
  const locked = await createContact(
    federation,
    '42061',
    contactInput('Aaa', 'Locked', LOCKED, ['READ_ONLY' as ContactType]),
  );
  expect(
    (
      await federation.query(
        'mutation ($id: ID!) { register(contactId: $id) { status } }',
        { id: locked },
        { token: staff },
      )
    ).errors,
  ).toBeUndefined();
  for (let i = 0; i < 3; i++)
    await federation.query('mutation ($u: String!) { login(userName: $u, password: "wrong guess") { accessToken } }', {
      u: LOCKED,
    });
}, 120_000);
afterAll(async () => {
  await browser?.close();
  await federation?.stop();
});

const count = (page: Page, role: 'button' | 'heading' | 'link' | 'searchbox', name: string) =>
  page.getByRole(role, { name, exact: true }).count();

/** Which of the screen's controls are on the page now. */
async function controls(page: Page) {
  return {
    New: await count(page, 'button', 'New'),
    Save: await count(page, 'button', 'Save'),
    Register: await count(page, 'button', 'Register'),
    'Re-Enroll': await count(page, 'button', 'Re-Enroll'),
    Unlock: await count(page, 'button', 'Unlock'),
    'Export To Excel': await count(page, 'button', 'Export To Excel'),
    health: await count(page, 'heading', 'Organization health'),
  };
}
const none = { New: 0, Save: 0, Register: 0, 'Re-Enroll': 0, Unlock: 0, 'Export To Excel': 0, health: 0 };

it.each(matrix.contactTypes.map((t) => [t.label, t] as const))(
  'a %s contact sees exactly the controls the matrix gives it',
  async (_label, type) => {
    const level = (fn: string) => type.capabilities[fn];
    const reads = level('ORGANIZATION_CONTACTS') !== 'NONE';
    const edits = level('ORGANIZATION_CONTACTS') === 'EDIT';
    const registers = level('SELF_SERVICE_REGISTRATION') === 'EDIT';
    const resets = level('SELF_SERVICE_RESET') === 'EDIT';
    const person = await signedInContact(
      federation,
      '42061',
      [type.key],
      `matrix.${type.key.toLowerCase()}@county.xorg`,
    );
    const { context, page, consoleErrors } = await openWindow(browser, origin, 'desktop');
    await page.goto(`${origin}/sign-in`);
    await page.getByLabel('User Name (Email ID)').fill(person.email);
    await page.getByLabel('Password', { exact: true }).fill(PASSWORD);
    await page.getByRole('button', { name: 'Sign In' }).click();
    await page.getByRole('heading', { level: 1, name: 'My account' }).waitFor();
    await page.getByRole('heading', { name: 'Self Service Details' }).waitFor();
    const menuItem = page
      .getByRole('navigation', { name: 'Main' })
      .getByRole('link', { name: 'Organization Contacts' });
    if (reads || resets) await menuItem.waitFor();
    else await page.waitForLoadState('networkidle');
    expect(await menuItem.count()).toBe(reads || resets ? 1 : 0);

    // Asking for another organization gets one's own: a contact never chooses.
    await page.goto(`${origin}/organization/contacts?org=01001`);
    await page.getByRole('heading', { level: 1, name: 'ESS Organization Contact Maintenance' }).waitFor();
    if (reads) {
      await page.getByRole('heading', { name: 'Contacts for 42061-COUNTY OFFICE OF EDUCATION' }).waitFor();
      await page.getByRole('heading', { name: 'Organization health' }).waitFor();
      expect(await page.getByLabel('Search for Organization (Hint: Org Code, Org Name)').count()).toBe(0);
      expect(await page.locator('main').innerText()).not.toMatch(/01001/);
      await page.getByRole('link', { name: 'Aaa Locked' }).click();
      await page.getByRole('heading', { name: 'Self Service Details' }).waitFor();
      expect(await controls(page)).toEqual({
        ...none,
        New: +edits,
        Save: +edits,
        Unlock: +resets,
        'Re-Enroll': +resets,
        'Export To Excel': 1,
        // The organization's panels are not repeated under a contact: closing it shows them.
        health: 0,
      });
      await page.getByRole('link', { name: 'Aab Unregistered' }).click();
      await page.getByText('No self-service login yet.').waitFor();
      expect(await count(page, 'button', 'Register')).toBe(+registers);
      if (['READ_ONLY', 'ADMINISTRATOR'].includes(String(type.key)))
        await checkPage(page, `contacts-as-${type.key.toLowerCase()}`, 'desktop');
    } else if (resets) {
      // Password Reset Only: no contacts, no editing; the logins by user name and their two buttons.
      await page.getByRole('heading', { name: 'Find a self-service login' }).waitFor();
      await page.getByLabel('User Name (Email ID)').fill('aaa.locked');
      await page.getByRole('button', { name: 'Search', exact: true }).click();
      await page.getByRole('button', { name: `${LOCKED} (Locked)` }).click();
      await page.getByRole('heading', { name: 'Self Service Details' }).waitFor();
      expect(await controls(page)).toEqual({ ...none, Unlock: 1, 'Re-Enroll': 1 });
      expect(await page.locator('main').innerText()).not.toMatch(/01001|Contacts for/);
      await checkPage(page, 'contacts-as-password-reset-only', 'desktop');
    } else {
      await page.getByText("Your contact types do not let you see your organization's contacts.").waitFor();
      expect(await controls(page)).toEqual(none);
    }
    expect(consoleErrors).toEqual([]);
    await context.close();
  },
);
