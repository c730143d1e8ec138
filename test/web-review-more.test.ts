import { readFileSync } from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { demoContactId } from '@ecg/demo-data';
import { ContactType } from '@ecg/policy';
import { TEST_STAFF, type Federation } from './support/federation';
import { contactInput, createContact, createOrganization, giveLogin, PASSWORD } from './support/people';
import { codeAt } from './support/second-factor';
import { collectSecret } from './support/secrets';
import { REGISTER, selfServiceFlows, temporaryPasswordIn } from './support/self-service-flows';
import { startWebBed, stopWebBed, type WebBed } from './support/web-bed';
import { axeViolations, checkPage, openWindow, signInOnPage, type ViewportName } from './support/web-browser';

// The rest of what a browser review found: "Sign out everywhere" asks first and says what it
// does, staff start on the maintenance screen, the header names the organization acted for (and
// switches it), recovery codes can be copied, downloaded and printed, the provisioning token
// table fits a phone, and an idle session warns before it ends.
jest.setTimeout(300_000);
let federation: Federation;
let smtp: WebBed['smtp'];
let browser: Browser;
let origin: string;
// Bruno (42061) and Betsy (01001) of the demonstration data share one login.
const TWO_ORGS_EMAIL = 'bcontact@county.xorg';
const TWO_ORGS_PASSWORD = 'one passphrase for both organizations';

beforeAll(async () => {
  ({ federation, smtp, browser, origin } = await startWebBed('webmore'));
  const flows = selfServiceFlows(federation, smtp);
  expect((await flows.asStaff(REGISTER, { id: demoContactId('bruno') })).errors).toBeUndefined();
  const temporary = temporaryPasswordIn((await flows.nextMail(TWO_ORGS_EMAIL, /registration/)).text);
  const pending = await federation.query(
    'mutation ($u: String!, $p: String!) { login(userName: $u, password: $p) { accessToken } }',
    { u: TWO_ORGS_EMAIL, p: temporary },
  );
  expect((await flows.change(pending.data.login.accessToken, temporary, TWO_ORGS_PASSWORD)).errors).toBeUndefined();
  expect((await flows.asStaff(REGISTER, { id: demoContactId('betsy') })).errors).toBeUndefined();
}, 180_000);
afterAll(() => stopWebBed({ federation, smtp, browser }));

const heading = (page: Page, name: string | RegExp, level = 1) =>
  page.getByRole('heading', { level, name }).first().waitFor();

const signIn = (page: Page, userName: string, password = PASSWORD) =>
  signInOnPage(page, origin, userName, { password, landing: null });

/** A contact of its own organization with a login: the email to sign in with. */
async function personOf(code: string, types: ContactType[] = [ContactType.BENEFIT]) {
  await createOrganization(federation, code, `MORE DISTRICT ${code}`);
  const email = `person@m${code}.example`;
  const id = await createContact(federation, code, contactInput('Polly', 'Person', email, types));
  await giveLogin(federation, id, code, email);
  return email;
}

const focusedText = (page: Page) => page.evaluate(() => (document.activeElement as HTMLElement).innerText.trim());

it('staff land on Organization Contacts after signing in', async () => {
  const { context, page, consoleErrors } = await openWindow(browser, origin, 'desktop');
  await signIn(page, TEST_STAFF.email, TEST_STAFF.password);
  await heading(page, 'ESS Organization Contact Maintenance');
  expect(new URL(page.url()).pathname).toBe('/organization/contacts');
  // Staff act for no organization: the header has nothing to name.
  expect(await page.getByText('Acting for').count()).toBe(0);
  await checkPage(page, 'more-staff-landing', 'desktop');
  expect(consoleErrors).toEqual([]);
  await context.close();
});

describe.each<ViewportName>(['desktop', 'phone'])('on a %s screen', (viewport) => {
  const code = viewport === 'desktop' ? '78101' : '78102';

  it('the header names the organization acted for and switches it for a person of two', async () => {
    const { context, page, consoleErrors } = await openWindow(browser, origin, viewport);
    await signIn(page, TWO_ORGS_EMAIL, TWO_ORGS_PASSWORD);
    await heading(page, 'Choose an organization');
    await page.getByRole('radio', { name: /01001/ }).check();
    await page.getByRole('button', { name: 'Continue' }).click();
    await heading(page, 'My account');
    const switcher = page.getByLabel('Acting for');
    await switcher.waitFor();
    expect(await switcher.locator('option:checked').innerText()).toBe('01001-COUNTY OFFICE OF EDUCATION');
    await checkPage(page, 'more-header-organization', viewport);

    await switcher.selectOption({ label: '42061-COUNTY OFFICE OF EDUCATION' });
    await page.getByRole('button', { name: 'Switch', exact: true }).click();
    await page.getByText('You now act for 42061-COUNTY OFFICE OF EDUCATION.').first().waitFor();
    await page.getByText('Signed in as Bruno Contact, 42061-COUNTY OFFICE OF EDUCATION').waitFor();
    expect(await switcher.locator('option:checked').innerText()).toBe('42061-COUNTY OFFICE OF EDUCATION');
    // The maintenance screen follows: its organization is the one the header names.
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Organization Contacts' }).click();
    await page.getByRole('heading', { name: 'Contacts for 42061-COUNTY OFFICE OF EDUCATION' }).waitFor();
    await checkPage(page, 'more-header-switched', viewport);
    expect(consoleErrors).toEqual([]);
    await context.close();
  });

  it('"Sign out everywhere" asks first, on Cancel, and says what it does and does not do', async () => {
    const email = await personOf(`${code}1`);
    const { context, page, consoleErrors } = await openWindow(browser, origin, viewport);
    await signIn(page, email);
    await heading(page, 'My account');
    // A person of one organization: the header names it, with nothing to switch.
    await page.getByText(`Acting for ${code}1-MORE DISTRICT ${code}1`).waitFor();
    await page.getByRole('region', { name: 'Security events' }).getByRole('row').nth(1).waitFor();
    expect(await landmarksUnique(page)).toEqual([]);
    const button = page.getByRole('button', { name: 'Sign out everywhere' });
    await button.click();
    const dialog = page.getByRole('dialog', { name: 'Sign out everywhere?' });
    await dialog.waitFor();
    expect(await focusedText(page)).toBe('Cancel');
    const said = await dialog.innerText();
    expect(said).toMatch(/ends at once, on every browser and device/);
    expect(said).toMatch(/does not remove your passkeys or authenticator app/);
    expect(said).not.toMatch(/15 minutes/);
    await checkPage(page, `more-everywhere-confirm`, viewport);
    await dialog.getByRole('button', { name: 'Cancel' }).click();
    await dialog.waitFor({ state: 'detached' });
    expect(await focusedText(page)).toBe('Sign out everywhere');
    await heading(page, 'My account');

    await button.click();
    await dialog.getByRole('button', { name: 'Sign out everywhere' }).click();
    await heading(page, 'Sign In');
    await page.getByText('You are signed out everywhere.').waitFor();
    expect(await context.cookies(origin)).toEqual([]);
    expect(consoleErrors).toEqual([]);
    await context.close();
  });

  it('recovery codes can be copied, downloaded and printed where they are shown', async () => {
    const email = await personOf(`${code}2`);
    const { context, page, consoleErrors } = await openWindow(browser, origin, viewport);
    await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin });
    await signIn(page, email);
    await heading(page, 'My account');
    await page.getByLabel('Your password, to confirm it is you').fill(PASSWORD);
    await page.getByRole('button', { name: 'Set up an authenticator app' }).click();
    await page.getByRole('img', { name: 'QR code to scan with your authenticator app' }).waitFor();
    const secret = (await page.locator('code.secret').innerText()).replace(/\s/g, '');
    collectSecret('totp secret', secret);
    await page.getByLabel('Authentication code').fill(codeAt(secret));
    await page.getByRole('button', { name: 'Turn on' }).click();
    const list = page.getByRole('list', { name: 'Recovery codes' });
    await list.waitFor();
    const codes = (await list.getByRole('listitem').allInnerTexts()).map((c) => c.trim());
    codes.forEach((c) => collectSecret('recovery code', c));
    expect(codes).toHaveLength(10);

    await page.getByRole('button', { name: 'Copy', exact: true }).click();
    await page.getByText('Recovery codes copied.').waitFor();
    const copied = await page.evaluate(() => navigator.clipboard.readText());
    for (const c of codes) expect(copied).toContain(c);

    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: 'Download', exact: true }).click(),
    ]);
    expect(download.suggestedFilename()).toBe(`recovery-codes-${email}.txt`);
    const file = readFileSync(await download.path(), 'utf8');
    for (const c of codes) expect(file).toContain(c);

    // Print: the browser's dialog is not driven here; the page asks for it with only the codes on paper.
    await page.evaluate(() => {
      window.print = () => {
        (window as unknown as { printedCodes: boolean }).printedCodes =
          document.body.classList.contains('printing-recovery-codes');
      };
    });
    await page.getByRole('button', { name: 'Print', exact: true }).click();
    expect(await page.evaluate(() => (window as unknown as { printedCodes?: boolean }).printedCodes)).toBe(true);
    await checkPage(page, 'more-recovery-codes', viewport);
    expect(consoleErrors).toEqual([]);
    await context.close();
  });

  it('warns before an idle session ends; "Stay signed in" keeps it, and doing nothing signs out', async () => {
    const email = await personOf(`${code}3`);
    const { context, page, consoleErrors } = await openWindow(browser, origin, viewport);
    // The page's own clock, moved on by the test: 30 minutes pass in a moment.
    await page.clock.install();
    await signIn(page, email);
    await heading(page, 'My account');
    await page.clock.fastForward('28:10');
    const dialog = page.getByRole('dialog', { name: 'You’ll be signed out in 2 minutes' });
    await dialog.waitFor();
    expect(await focusedText(page)).toBe('Stay signed in');
    await checkPage(page, 'more-idle-warning', viewport);

    const refreshed = page.waitForResponse((r) => r.url().endsWith('/session/refresh') && r.ok());
    await dialog.getByRole('button', { name: 'Stay signed in' }).click();
    await refreshed;
    await dialog.waitFor({ state: 'detached' });
    // The idle time starts again: five minutes on, still signed in and no warning.
    await page.clock.fastForward('05:00');
    await heading(page, 'My account');
    expect(await page.getByRole('dialog').count()).toBe(0);

    // Nobody answers the warning: the session ends, and Sign In says why.
    await page.clock.fastForward('30:00');
    await heading(page, 'Sign In');
    await page.getByText('You were signed out (you did not use the site for 30 minutes)').waitFor();
    expect(await context.cookies(origin)).toEqual([]);
    expect(consoleErrors).toEqual([]);
    await context.close();
  });
});

it('the provisioning token table fits a 360 px phone: its rows stack', async () => {
  const email = await personOf('78109', [ContactType.ADMINISTRATOR]);
  const { context, page, consoleErrors } = await openWindow(browser, origin, 'phone');
  await signIn(page, email);
  await heading(page, 'My account');
  await page.goto(`${origin}/organization/settings`);
  await page.getByRole('heading', { name: 'Provisioning (SCIM)' }).waitFor();
  for (const label of ['Entra ID production', 'Okta staging directory']) {
    await page.getByLabel('Token label').fill(label);
    await page.getByRole('button', { name: 'Create token' }).click();
    await page.getByRole('row', { name: new RegExp(label) }).waitFor();
  }
  // Nothing scrolls sideways, not even inside the table's own region.
  const table = page.locator('table.stacked');
  const widths = await table.evaluate((t) => ({ table: t.scrollWidth, region: t.parentElement!.clientWidth }));
  expect(widths.table).toBeLessThanOrEqual(widths.region);
  await page.getByRole('cell', { name: 'Okta staging directory', exact: true }).waitFor();
  await checkPage(page, 'more-provisioning-tokens', 'phone');
  expect(consoleErrors).toEqual([]);
  await context.close();
});

/** Landmarks a screen reader lists must be told apart by their names (axe's best-practice rule, moderate). */
const landmarksUnique = async (page: Page) =>
  (await axeViolations(page, ['landmark-unique'])).flatMap((v) => v.nodes.map((n) => n.target.join(' ')));

it('the maintenance screen marks the open contact, says when nothing matches, names the export by organization and day; landmarks are unique', async () => {
  const code = '78110';
  await createOrganization(federation, code, 'POLISH DISTRICT');
  for (const first of ['Ada', 'Bo'])
    await createContact(
      federation,
      code,
      contactInput(first, 'Polish', `${first.toLowerCase()}@m${code}.example`, [ContactType.BENEFIT]),
    );
  const { context, page, consoleErrors } = await openWindow(browser, origin, 'desktop');
  await signIn(page, TEST_STAFF.email, TEST_STAFF.password);
  await heading(page, 'ESS Organization Contact Maintenance');
  await page.getByLabel('Search for Organization (Hint: Org Code, Org Name)').fill(code);
  await page.getByRole('button', { name: 'Search', exact: true }).click();
  await heading(page, `Contacts for ${code}-POLISH DISTRICT`, 2);
  await page.getByRole('link', { name: 'Bo Polish' }).click();
  await heading(page, /^Contact Details/, 2);
  // The marked row is Bo's (its first cell may be the "Register selected" checkbox).
  expect(await page.locator('table.contacts tr[aria-current="true"] td.name-column').innerText()).toBe('Bo Polish');
  expect(await landmarksUnique(page)).toEqual([]);
  await checkPage(page, 'more-contacts-open-row', 'desktop');

  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('button', { name: 'Export To Excel' }).click(),
  ]);
  expect(download.suggestedFilename()).toMatch(new RegExp(`^contacts-${code}-\\d{4}-\\d{2}-\\d{2}\\.xlsx$`));

  await page.locator('#status-filter').selectOption('INACTIVE');
  await page.getByRole('cell', { name: 'No contacts match this status.' }).waitFor();
  await checkPage(page, 'more-contacts-empty', 'desktop');

  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'My account' }).click();
  await heading(page, 'My account');
  expect(await landmarksUnique(page)).toEqual([]);
  expect(consoleErrors).toEqual([]);
  await context.close();
});
