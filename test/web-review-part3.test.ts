import type { Browser, Page } from 'playwright-core';
import { demoContactId } from '@ecg/demo-data';
import { ContactType } from '@ecg/policy';
import { TEST_STAFF, type Federation } from './support/federation';
import { contactInput, createContact, createOrganization, giveLogin, PASSWORD } from './support/people';
import { REGISTER, selfServiceFlows, temporaryPasswordIn } from './support/self-service-flows';
import { startWebBed, stopWebBed, type WebBed } from './support/web-bed';
import { checkPage, openWindow, type ViewportName } from './support/web-browser';

// What a browser review found on the maintenance screen and around it: the Self Service Status
// of each contact (and a filter by it), a question before unsaved edits are lost, a Help page on
// every page, stable columns, a printable list, the organization's own panels apart from the
// contact, and the header's organization switch naming a long organization in full.
jest.setTimeout(300_000);
let federation: Federation;
let smtp: WebBed['smtp'];
let browser: Browser;
let origin: string;
const HELPDESK = 'Employer Services, 1-800-555-0100, weekdays 8-5';
// Bruno (42061) and Betsy (01001) of the demonstration data share one login.
const TWO_ORGS_EMAIL = 'bcontact@county.xorg';
const TWO_ORGS_PASSWORD = 'one passphrase for both organizations';
const LONG_NAME = 'COUNTY OFFICE OF EDUCATION AND REGIONAL OCCUPATIONAL PROGRAM JOINT POWERS AUTHORITY';

beforeAll(async () => {
  ({ federation, smtp, browser, origin } = await startWebBed('webpart3', { HELPDESK_CONTACT: HELPDESK }));
  const flows = selfServiceFlows(federation, smtp);
  expect((await flows.asStaff(REGISTER, { id: demoContactId('bruno') })).errors).toBeUndefined();
  const temporary = temporaryPasswordIn((await flows.nextMail(TWO_ORGS_EMAIL, /registration/)).text);
  const pending = await federation.query(
    'mutation ($u: String!, $p: String!) { login(userName: $u, password: $p) { accessToken } }',
    { u: TWO_ORGS_EMAIL, p: temporary },
  );
  expect((await flows.change(pending.data.login.accessToken, temporary, TWO_ORGS_PASSWORD)).errors).toBeUndefined();
  expect((await flows.asStaff(REGISTER, { id: demoContactId('betsy') })).errors).toBeUndefined();
  await federation.subgraphs.organization.dataSource.query("UPDATE organization SET name = ? WHERE code = '01001'", [
    LONG_NAME,
  ]);
}, 180_000);
afterAll(() => stopWebBed({ federation, smtp, browser }));

const heading = (page: Page, name: string | RegExp, level = 1) =>
  page.getByRole('heading', { level, name }).first().waitFor();

async function signIn(page: Page, userName: string, password = PASSWORD) {
  await page.goto(`${origin}/sign-in`);
  await page.getByLabel('User Name (Email ID)').fill(userName);
  await page.getByLabel('Password', { exact: true }).fill(password);
  await page.getByRole('button', { name: 'Sign In' }).click();
}

/** An organization of 12: its administrator (registered), two locked logins, the rest never registered. */
async function organizationOf(code: string) {
  const domain = `p${code}.example`;
  await createOrganization(federation, code, `PART3 DISTRICT ${code}`);
  const admin = await createContact(
    federation,
    code,
    contactInput('Aaron', 'Admin', `admin@${domain}`, [ContactType.ADMINISTRATOR]),
  );
  await giveLogin(federation, admin, code, `admin@${domain}`);
  for (const name of ['Bea', 'Cal']) {
    const email = `${name.toLowerCase()}@${domain}`;
    const id = await createContact(federation, code, contactInput(name, 'Locked', email, [ContactType.BENEFIT]));
    await giveLogin(federation, id, code, email);
    await federation.subgraphs.credential.dataSource.query(
      "UPDATE self_service_account SET status = 'LOCKED' WHERE contactId = ?",
      [id],
    );
  }
  for (let i = 0; i < 9; i++) {
    // Page 2 holds the long addresses: the columns must not move when it opens.
    const email = i > 6 ? `a.rather.long.address.for.member${i}@${domain}` : `m${i}@${domain}`;
    await createContact(federation, code, contactInput(`Member${i}`, 'Never', email, [ContactType.PAYROLL]));
  }
  return `admin@${domain}`;
}

const columnWidths = (page: Page) =>
  page.locator('table.contacts thead th').evaluateAll((cells) => cells.map((c) => Math.round(c.clientWidth)));
const rowTexts = (page: Page) => page.locator('table.contacts tbody tr').allInnerTexts();

describe.each<ViewportName>(['desktop', 'phone'])('on a %s screen', (viewport) => {
  const code = viewport === 'desktop' ? '78401' : '78402';

  it("the list shows each contact's Self Service Status, filters by it across pages, and keeps its columns still", async () => {
    const admin = await organizationOf(code);
    const { context, page, consoleErrors } = await openWindow(browser, origin, viewport);
    await signIn(page, admin);
    await heading(page, 'My account');
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Organization Contacts' }).click();
    await heading(page, `Contacts for ${code}-PART3 DISTRICT ${code}`, 2);
    await page.getByRole('columnheader', { name: 'Self Service Status' }).waitFor({ state: 'attached' });
    const first = await rowTexts(page);
    expect(first.find((r) => r.includes('Aaron Admin'))).toMatch(/Registered/);
    expect(first.find((r) => r.includes('Bea Locked'))).toMatch(/Locked/);
    expect(first.find((r) => r.includes('Member0 Never'))).toMatch(/Not registered/);
    if (viewport === 'phone') {
      // Stacked: each cell names its column.
      const cell = page.getByRole('row', { name: /Bea Locked/ }).locator('td[data-label="Self Service Status"]');
      expect(await cell.evaluate((td) => getComputedStyle(td, '::before').content)).toBe('"Self Service Status: "');
      expect(await cell.innerText()).toBe('Locked');
    } else {
      const widths = await columnWidths(page);
      await page.getByRole('button', { name: 'Next', exact: true }).click();
      await page.getByText('Page 2 of 2').waitFor();
      expect(await rowTexts(page)).toContainEqual(expect.stringMatching(/a\.rather\.long\.address/));
      expect(await columnWidths(page)).toEqual(widths);
      await page.getByRole('button', { name: 'Previous', exact: true }).click();
      await page.getByText('Page 1 of 2').waitFor();
    }
    await checkPage(page, 'part3-self-service-column', viewport);

    // The filter: only the locked logins, from the whole organization, in the address too.
    await page.getByLabel('Self Service Status').selectOption({ label: 'Locked' });
    await page.getByText('Page 1 of 1 | Results 1 - 2 of 2').waitFor();
    expect(new URL(page.url()).searchParams.get('login')).toBe('LOCKED');
    const locked = await rowTexts(page);
    expect(locked).toHaveLength(2);
    expect(locked.every((r) => /Locked/.test(r))).toBe(true);
    // Sorted Z to A within the filter.
    await page.getByRole('button', { name: /^Full Name/ }).click();
    await page.waitForFunction(() => document.querySelector('table.contacts tbody tr')?.textContent?.includes('Cal'));
    expect((await rowTexts(page))[0]).toMatch(/Cal Locked/);
    await page.getByLabel('Self Service Status').selectOption({ label: 'Not registered' });
    await page.getByText('Page 1 of 1 | Results 1 - 9 of 9').waitFor();
    expect((await rowTexts(page)).every((r) => /Not registered/.test(r))).toBe(true);
    await checkPage(page, 'part3-self-service-filter', viewport);
    expect(consoleErrors).toEqual([]);
    await context.close();
  });

  it('Help is linked from every page and says whom to ask; Sign In repeats no link', async () => {
    const { context, page, consoleErrors } = await openWindow(browser, origin, viewport);
    await page.goto(`${origin}/sign-in`);
    await heading(page, 'Sign In');
    // Its own text links to both self-service pages: the footer does not again.
    for (const name of ['Forgot your password?', 'Find your administrator'])
      expect(await page.getByRole('link', { name, exact: true }).count()).toBe(1);
    await page.getByRole('contentinfo').getByRole('link', { name: 'Help' }).click();
    await heading(page, 'Help');
    await page.getByRole('link', { name: 'Find your administrator' }).first().waitFor();
    await page.getByText(`Ask the pension system's employer helpdesk: ${HELPDESK}.`).waitFor();
    await checkPage(page, 'part3-help', viewport);
    // Elsewhere the footer keeps its links, and Help.
    await page.goto(`${origin}/self-service/forgot-password`);
    await page.getByRole('contentinfo').getByRole('link', { name: 'Find your administrator' }).waitFor();
    await page.getByRole('contentinfo').getByRole('link', { name: 'Help' }).waitFor();
    expect(consoleErrors).toEqual([]);
    await context.close();
  });

  it('the provisioning tokens table shows no lone header cell above its stacked rows', async () => {
    const admin = await organizationOf(viewport === 'desktop' ? '78411' : '78412');
    const { context, page, consoleErrors } = await openWindow(browser, origin, viewport);
    await signIn(page, admin);
    await heading(page, 'My account');
    await page.goto(`${origin}/organization/settings`);
    await page.getByLabel('Token label').fill('Entra ID');
    await page.getByRole('button', { name: 'Create token' }).click();
    const table = page.getByRole('region', { name: 'Token list' });
    await table.getByText('Entra ID').waitFor();
    const header = table.locator('thead');
    const box = await header.boundingBox();
    // Stacked on a phone, each cell names itself: the header row takes no room (it stays for screen readers).
    if (viewport === 'phone') expect(box === null || box.height <= 1).toBe(true);
    else expect(await table.getByRole('columnheader', { name: 'Label' }).isVisible()).toBe(true);
    await checkPage(page, 'part3-provisioning-tokens', viewport);
    expect(consoleErrors).toEqual([]);
    await context.close();
  });

  it('the header names a long organization in full, and the switch is not cut off', async () => {
    const { context, page, consoleErrors } = await openWindow(browser, origin, viewport);
    await signIn(page, TWO_ORGS_EMAIL, TWO_ORGS_PASSWORD);
    await heading(page, 'Choose an organization');
    await page.getByRole('radio', { name: /01001/ }).check();
    await page.getByRole('button', { name: 'Continue' }).click();
    await heading(page, 'My account');
    const switcher = page.getByLabel('Acting for');
    await switcher.waitFor();
    const fits = await switcher.evaluate((select: HTMLSelectElement) => {
      const text = select.options[select.selectedIndex].text;
      const probe = document.createElement('span');
      probe.style.font = getComputedStyle(select).font;
      probe.style.whiteSpace = 'nowrap';
      probe.textContent = text;
      document.body.append(probe);
      const width = probe.getBoundingClientRect().width;
      probe.remove();
      return { text, fits: width < select.clientWidth };
    });
    expect(fits.text).toBe(`01001-${LONG_NAME}`);
    // The select holds the whole name where the screen allows it; where not, the name is written out under it.
    if (viewport === 'desktop') expect(fits.fits).toBe(true);
    else await page.locator('.organization-full-name', { hasText: `01001-${LONG_NAME}` }).waitFor();
    await checkPage(page, 'part3-long-organization', viewport);
    expect(consoleErrors).toEqual([]);
    await context.close();
  });
});

describe('on the maintenance screen (desktop)', () => {
  const code = '78403';
  let admin: string;
  beforeAll(async () => {
    admin = await organizationOf(code);
  });

  it('asks "Discard unsaved changes?" (Cancel on focus) before edits are lost, by a link, the list, the pager or the tab', async () => {
    const { context, page, consoleErrors } = await openWindow(browser, origin, 'desktop');
    await signIn(page, admin);
    await heading(page, 'My account');
    await page.goto(`${origin}/organization/contacts`);
    await page.getByRole('link', { name: 'Bea Locked' }).click();
    const jobTitle = page.getByLabel('Job Title');
    await jobTitle.fill('Benefits lead');
    const question = page.getByRole('dialog', { name: 'Discard unsaved changes?' });
    const url = page.url();

    // Another contact: asked, Cancel on focus; Cancel keeps the edit and the contact.
    await page.getByRole('link', { name: 'Cal Locked' }).click();
    await question.waitFor();
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('Cancel');
    await checkPage(page, 'part3-unsaved-question', 'desktop');
    await page.keyboard.press('Enter');
    await question.waitFor({ state: 'detached' });
    expect(page.url()).toBe(url);
    expect(await jobTitle.inputValue()).toBe('Benefits lead');
    // Focus returns to what was pressed.
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('Cal Locked');

    // The pager, New and the header's links ask too; Escape is Cancel.
    await page.getByRole('button', { name: 'Next', exact: true }).click();
    await question.waitFor();
    await page.keyboard.press('Escape');
    await question.waitFor({ state: 'detached' });
    expect(page.url()).toBe(url);
    await page.getByRole('button', { name: 'New', exact: true }).click();
    await question.waitFor();
    await question.getByRole('button', { name: 'Cancel' }).click();
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'My account' }).click();
    await question.waitFor();
    await question.getByRole('button', { name: 'Cancel' }).click();
    expect(await jobTitle.inputValue()).toBe('Benefits lead');

    // Closing the tab: the browser's own question.
    const asked = new Promise<string>((resolve) =>
      page.once('dialog', (d) => void d.dismiss().then(() => resolve(d.type()))),
    );
    await page.close({ runBeforeUnload: true });
    expect(await asked).toBe('beforeunload');
    expect(page.isClosed()).toBe(false);

    // Discard goes where the person asked.
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'My account' }).click();
    await question.getByRole('button', { name: 'Discard changes' }).click();
    await heading(page, 'My account');

    // Saved, nothing is asked: the new contact's form opens as itself.
    await page.goto(`${origin}/organization/contacts?contact=new`);
    await page.getByLabel('First Name').fill('Dora');
    await page.getByLabel('Last Name').fill('Saved');
    await page.getByLabel('Primary Email Address', { exact: true }).fill(`dora@p${code}.example`);
    await page.getByLabel('Confirm Primary Email Address').fill(`dora@p${code}.example`);
    await page.getByRole('checkbox', { name: 'Payroll' }).first().check();
    await page.getByRole('button', { name: 'Save' }).click();
    await page.getByText('All changes successfully saved.').waitFor();
    await heading(page, 'Contact Details: Dora Saved', 2);
    expect(await question.count()).toBe(0);
    await page.getByRole('link', { name: 'Bea Locked' }).click();
    await heading(page, 'Contact Details: Bea Locked', 2);
    expect(await question.count()).toBe(0);
    expect(consoleErrors).toEqual([]);
    await context.close();
  });

  it("the organization's panels stand apart from the open contact, and the list prints alone", async () => {
    const { context, page, consoleErrors } = await openWindow(browser, origin, 'desktop');
    await signIn(page, admin);
    await heading(page, 'My account');
    await page.goto(`${origin}/organization/contacts`);
    await page.getByRole('heading', { name: 'Organization health' }).waitFor();
    await page.getByRole('link', { name: 'Bea Locked' }).click();
    await heading(page, 'Contact Details: Bea Locked', 2);
    expect(await page.getByRole('heading', { name: 'Organization health' }).count()).toBe(0);
    expect(await page.getByRole('heading', { name: 'Mass email upload' }).count()).toBe(0);

    // On paper: the heading and the list, no menu, no buttons, no form.
    await page.emulateMedia({ media: 'print' });
    const shown = (selector: string) => page.locator(selector).first().isVisible();
    expect(await shown('table.contacts')).toBe(true);
    expect(await shown('h1')).toBe(true);
    for (const hidden of ['nav[aria-label="Main"]', '.site-footer', 'form', '.toolbar', '.pager'])
      expect({ hidden, visible: await shown(hidden) }).toEqual({ hidden, visible: false });
    expect(await page.getByRole('button', { name: 'New', exact: true }).isVisible()).toBe(false);
    expect(await page.getByLabel('Job Title').isVisible()).toBe(false);
    const cell = await page
      .locator('table.contacts tbody td')
      .nth(2)
      .evaluate((td) => ({ size: parseFloat(getComputedStyle(td).fontSize), color: getComputedStyle(td).color }));
    expect(cell.size).toBeGreaterThanOrEqual(12);
    await checkPage(page, 'part3-print', 'desktop');
    await page.emulateMedia({ media: 'screen' });

    // Closing the contact brings the organization's panels back.
    await page.getByRole('link', { name: /Organization health and Mass email upload/ }).click();
    await page.getByRole('heading', { name: 'Organization health' }).waitFor();
    await page.getByRole('heading', { name: 'Mass email upload' }).waitFor();
    expect(consoleErrors).toEqual([]);
    await context.close();
  });

  it('staff: the organization searched for stays in the search box after choosing it and after a reload', async () => {
    const { context, page, consoleErrors } = await openWindow(browser, origin, 'desktop');
    await signIn(page, TEST_STAFF.email, TEST_STAFF.password);
    await heading(page, 'ESS Organization Contact Maintenance');
    const box = page.getByLabel('Search for Organization (Hint: Org Code, Org Name)');
    // Two organizations match (the demonstration's 42061 and 01001): the one chosen fills the box.
    await box.fill('COUNTY OFFICE');
    await page.getByRole('button', { name: 'Search', exact: true }).click();
    await page.getByRole('button', { name: '42061-COUNTY OFFICE OF EDUCATION', exact: true }).click();
    await heading(page, 'Contacts for 42061-COUNTY OFFICE OF EDUCATION', 2);
    expect(await box.inputValue()).toBe('42061');
    await checkPage(page, 'part3-staff-search', 'desktop');
    await page.reload();
    await heading(page, 'Contacts for 42061-COUNTY OFFICE OF EDUCATION', 2);
    expect(await box.inputValue()).toBe('42061');
    expect(consoleErrors).toEqual([]);
    await context.close();
  });
});
