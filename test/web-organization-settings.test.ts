import { randomBytes } from 'node:crypto';
import type { Browser, Page, Route } from 'playwright-core';
import { ContactType } from '@ecg/policy';
import type { Federation } from './support/federation';
import { contactInput, createContact, createOrganization, giveLogin, linkMembership, PASSWORD } from './support/people';
import { startWebBed, stopWebBed, type WebBed } from './support/web-bed';
import { checkPage, heading, openWindow, type ViewportName } from './support/web-browser';

// Internet access on request and the organization settings screen, in Debian's Chromium on the
// real federation (MariaDB) and a real SMTP server. Where a browser is comes from a trusted
// proxy's X-Forwarded-For, set on each window.
jest.setTimeout(300_000);
let federation: Federation;
let smtp: WebBed['smtp'];
let browser: Browser;
let origin: string;

beforeAll(
  async () =>
    void ({ federation, smtp, browser, origin } = await startWebBed('websettings', {
      INTERNAL_NETWORKS: '10.0.0.0/8',
      // Not the default 15 minutes: the screen must say the lifetime the server has.
      ACCESS_TOKEN_TTL_SECONDS: '600',
    })),
  120_000,
);
afterAll(() => stopWebBed({ federation, smtp, browser }));

const INTERNET = { 'x-forwarded-for': '203.0.113.42' };
const INTERNAL = { 'x-forwarded-for': '10.4.5.6' };
const unique = () => randomBytes(4).toString('hex');

async function person(code: string, firstName: string, types: ContactType[]) {
  const email = `${firstName.toLowerCase()}.${unique()}@settings.example`;
  const id = await createContact(federation, code, contactInput(firstName, 'Settings', email, types));
  await giveLogin(federation, id, code, email);
  return { id, email };
}

async function window(viewport: ViewportName, where: Record<string, string>) {
  const opened = await openWindow(browser, origin, viewport);
  await opened.context.setExtraHTTPHeaders(where);
  return opened;
}

async function typeCredentials(page: Page, userName: string) {
  await page.goto(`${origin}/sign-in`);
  await page.getByLabel('User Name (Email ID)').fill(userName);
  await page.getByLabel('Password', { exact: true }).fill(PASSWORD);
  await page.getByRole('button', { name: 'Sign In' }).click();
}

describe.each<ViewportName>(['desktop', 'phone'])('on a %s screen', (viewport) => {
  it('an employee asks from the internet, the Administrator approves on the maintenance screen, the employee signs in; the settings screen saves a change and says what it does', async () => {
    const code = `W${unique()}`.slice(0, 8).toUpperCase();
    const organizationId = await createOrganization(federation, code, `SETTINGS DISTRICT ${viewport.toUpperCase()}`);
    await federation.subgraphs.organization.dataSource.query(
      'UPDATE organization SET automaticInternetAccess = 0 WHERE id = ?',
      [organizationId],
    );
    const admin = await person(code, 'Adele', [ContactType.ADMINISTRATOR]);
    const employee = await person(code, 'Emil', [ContactType.READ_ONLY]);

    // The employee, at home: the right password, then the request.
    const home = await window(viewport, INTERNET);
    await typeCredentials(home.page, employee.email);
    await heading(home.page, "Sign in from your organization's network");
    await home.page.getByLabel('Reason (optional)').fill('Working from home on Fridays');
    await checkPage(home.page, 'internet-access-request', viewport);
    await home.page.getByLabel('Reason (optional)').press('Enter');
    await home.page.getByText('The administrators of your organization have your request.').waitFor();
    await checkPage(home.page, 'internet-access-requested', viewport);
    await smtp.waitForSubject(admin.email, /asks to sign in from the internet/);

    // The Administrator, at work: the request on the maintenance screen, approved.
    const work = await window(viewport, INTERNAL);
    await typeCredentials(work.page, admin.email);
    await heading(work.page, 'My account');
    await work.page.goto(`${origin}/organization/contacts`);
    await heading(work.page, '1 request for internet access', 2);
    const requests = work.page.getByRole('region', { name: '1 request for internet access' });
    expect(await requests.getByRole('row', { name: /Emil Settings/ }).innerText()).toMatch(
      /203\.0\.113\.42[\s\S]*Working from home on Fridays/,
    );
    await checkPage(work.page, 'internet-access-pending', viewport);
    await work.page.getByRole('button', { name: 'Approve internet access for Emil Settings' }).click();
    await work.page.getByText('Approved: Emil Settings is told by email.').waitFor();
    await smtp.waitForSubject(employee.email, /internet access was approved/);

    // The employee signs in from home now.
    await typeCredentials(home.page, employee.email);
    await heading(home.page, 'My account');

    // A second employee asks; the Administrator denies on the screen; she is mailed and stays
    // refused, and asking again within 14 days is told when she may.
    const second = await person(code, 'Dora', [ContactType.READ_ONLY]);
    const away = await window(viewport, INTERNET);
    await typeCredentials(away.page, second.email);
    await heading(away.page, "Sign in from your organization's network");
    await away.page.getByRole('button', { name: 'Request internet access' }).click();
    await away.page.getByText('The administrators of your organization have your request.').waitFor();
    await smtp.waitForSubject(admin.email, /Dora Settings asks to sign in from the internet/);
    await work.page.goto(`${origin}/organization/contacts`);
    await heading(work.page, '1 request for internet access', 2);
    await work.page.getByRole('button', { name: 'Deny internet access for Dora Settings' }).click();
    await work.page.getByText('Denied: Dora Settings is told by email.').waitFor();
    await smtp.waitForSubject(second.email, /internet access was denied/);
    await typeCredentials(away.page, second.email);
    await heading(away.page, "Sign in from your organization's network");
    await away.page.getByRole('button', { name: 'Request internet access' }).click();
    const denied = away.page.getByRole('status').filter({ hasText: 'Your request was denied recently' });
    await denied.waitFor();
    expect(await denied.innerText()).toMatch(/You may ask again after .+\. Until then, .*speak to your administrator/s);
    await checkPage(away.page, 'internet-access-denied-recently', viewport);
    expect(
      smtp.received.filter((m) => m.to.includes(admin.email) && /Dora Settings asks/.test(m.subject)),
    ).toHaveLength(1);

    // The panel names who granted it; the Administrator withdraws it, confirmed first.
    await work.page.getByRole('link', { name: 'Emil Settings' }).click();
    await heading(work.page, 'Self Service Details', 2);
    await work.page.getByText(/By Adele Settings, /).waitFor();
    await work.page.getByRole('button', { name: 'Withdraw Internet Access' }).click();
    const dialog = work.page.getByRole('dialog', { name: 'Are you sure you want to withdraw internet access?' });
    await dialog.waitFor();
    await checkPage(work.page, 'internet-access-withdraw', viewport);
    await dialog.getByRole('button', { name: 'OK' }).click();
    await work.page.getByText('Internet access withdrawn. The contact was emailed.').waitFor();
    await smtp.waitForSubject(employee.email, /internet access was withdrawn/);
    // The panel reloads after the notice: the button goes with the reload's answer.
    await work.page.getByRole('button', { name: 'Withdraw Internet Access' }).waitFor({ state: 'detached' });

    // The settings screen: every field labelled, an error, a save by keyboard.
    await work.page.getByRole('link', { name: 'Organization settings' }).click();
    await heading(work.page, 'Organization Settings');
    expect(await work.page.getByLabel('Organization Code').getAttribute('readonly')).not.toBeNull();
    expect(await work.page.getByLabel('Organization Code').inputValue()).toBe(code);
    expect(await work.page.getByLabel('Organization Type').inputValue()).toBe('SCHOOL_DISTRICT');
    expect(await work.page.getByRole('checkbox', { name: 'Automatic Internet Access' }).isChecked()).toBe(false);
    await work.page.getByLabel('Organization Name').fill('');
    await work.page.getByRole('button', { name: 'Save', exact: true }).click();
    await work.page.getByText('Enter the name of the organization.').first().waitFor();
    await checkPage(work.page, 'organization-settings-error', viewport);
    await work.page.getByLabel('Organization Name').fill(`RENAMED DISTRICT ${viewport.toUpperCase()}`);
    // The server's refusal of one field is shown at that field, and the summary leads to it.
    const domains = work.page.getByLabel('Internal-only email domains');
    await domains.fill('intranet.example, intranet_bad');
    await work.page.getByRole('button', { name: 'Save', exact: true }).click();
    await work.page.getByRole('link', { name: /intranet_bad/ }).waitFor();
    expect(await domains.getAttribute('aria-invalid')).toBe('true');
    const description = await domains.evaluate((input) =>
      (input.getAttribute('aria-describedby') ?? '')
        .split(' ')
        .map((id) => document.getElementById(id)?.textContent ?? '')
        .join(' '),
    );
    expect(description).toContain(
      'Internal-only email domains: “intranet_bad” is not an email domain (like nhs.example).',
    );
    await checkPage(work.page, 'organization-settings-field-error', viewport);
    await work.page.getByRole('link', { name: /intranet_bad/ }).click();
    expect(await domains.evaluate((input) => input === document.activeElement)).toBe(true);
    await domains.fill('');
    await work.page.getByLabel('Organization Type').selectOption('CHARTER_SCHOOL');
    await work.page.getByLabel('City').fill('Goleta');
    await work.page.getByLabel('Find your administrator help message').fill('Call HR on 555 0100');
    await work.page.getByRole('checkbox', { name: 'Require a second factor' }).focus();
    await work.page.keyboard.press('Space');
    await work.page.getByRole('button', { name: 'Save', exact: true }).focus();
    await work.page.keyboard.press('Enter');
    await work.page.getByText('All changes successfully saved.').waitFor();
    expect(await work.page.getByText(/^A second factor is now required/).innerText()).toBe(
      'A second factor is now required: people signed in without one are signed out when their session renews, within at most 10 minutes, and their next sign-in asks them to set one up first.',
    );
    await checkPage(work.page, 'organization-settings-saved', viewport);
    const [row] = await federation.subgraphs.organization.dataSource.query(
      'SELECT name, organizationType, address_city AS city, helpMessage, secondFactorRequired, automaticInternetAccess FROM organization WHERE id = ?',
      [organizationId],
    );
    expect(row).toMatchObject({
      name: `RENAMED DISTRICT ${viewport.toUpperCase()}`,
      organizationType: 'CHARTER_SCHOOL',
      city: 'Goleta',
      helpMessage: 'Call HR on 555 0100',
    });
    expect(Number(row.secondFactorRequired)).toBe(1);
    expect(Number(row.automaticInternetAccess)).toBe(0);

    // Automatic Internet Access on, then off again: each save says what it does to people signed
    // in now, with the access token lifetime the server has (10 minutes here).
    // The screen reloads the settings after a save: that answer is held back here, and the next
    // change is made before it comes, as a quick person would.
    const save = () => work.page.getByRole('button', { name: 'Save', exact: true }).click();
    const slowReload = async (route: Route) => {
      if (route.request().postData()?.includes('query OrganizationSettings'))
        await new Promise((wait) => setTimeout(wait, 2_000));
      await route.continue();
    };
    await work.page.route('**/graphql', slowReload);
    await work.page.getByRole('checkbox', { name: 'Automatic Internet Access' }).check();
    await save();
    await work.page.getByText('Internet access is on: everyone may now sign in from the internet.').waitFor();
    await work.page.getByRole('checkbox', { name: 'Automatic Internet Access' }).uncheck();
    await save();
    const off = work.page.getByText(/^Internet access is off:/);
    await off.waitFor();
    expect(await off.innerText()).toBe(
      'Internet access is off: people signed in from the internet keep their session for at most 10 minutes, until it renews; then they are signed out, unless an administrator approved their request for internet access. They can ask for it when they sign in.',
    );
    await checkPage(work.page, 'organization-settings-internet-off', viewport);
    // The reload held back may still be waiting: its handler lets it go before the route is removed.
    await work.page.unrouteAll({ behavior: 'wait' });
    const [after] = await federation.subgraphs.organization.dataSource.query(
      'SELECT automaticInternetAccess FROM organization WHERE id = ?',
      [organizationId],
    );
    expect(Number(after.automaticInternetAccess)).toBe(0);

    // The second-factor rule sends the employee's next sign-in to set one up.
    const next = await window(viewport, INTERNET);
    await typeCredentials(next.page, employee.email);
    await heading(next.page, 'Set up a second factor');

    // A Read Only contact sees the details, and no control to change them.
    const reader = await window(viewport, INTERNAL);
    await federation.subgraphs.organization.dataSource.query(
      'UPDATE organization SET secondFactorRequired = 0 WHERE id = ?',
      [organizationId],
    );
    const readOnly = await person(code, 'Rhoda', [ContactType.READ_ONLY]);
    await typeCredentials(reader.page, readOnly.email);
    await heading(reader.page, 'My account');
    await reader.page.goto(`${origin}/organization/settings`);
    await heading(reader.page, 'Organization Settings');
    await reader.page.getByText('Only an administrator of your organization can change these settings.').waitFor();
    const detail = (term: string) =>
      reader.page.locator('dt', { hasText: term }).locator('xpath=following-sibling::dd');
    expect(await detail('Organization Code').innerText()).toBe(code);
    expect(await detail('Organization Name').innerText()).toBe(`RENAMED DISTRICT ${viewport.toUpperCase()}`);
    expect(await detail('Organization Type').innerText()).toBe('Charter School');
    expect(await reader.page.getByRole('textbox').count()).toBe(0);
    expect(await reader.page.getByRole('button', { name: 'Save' }).count()).toBe(0);
    await checkPage(reader.page, 'organization-settings-read-only', viewport);

    // A request pending now: the Administrator sees the line on the maintenance screen, the Read
    // Only contact does not (nor can decide it).
    const third = await person(code, 'Tess', [ContactType.READ_ONLY]);
    const elsewhere = await window(viewport, INTERNET);
    await typeCredentials(elsewhere.page, third.email);
    await heading(elsewhere.page, "Sign in from your organization's network");
    await elsewhere.page.getByRole('button', { name: 'Request internet access' }).click();
    await elsewhere.page.getByText('The administrators of your organization have your request.').waitFor();
    await work.page.goto(`${origin}/organization/contacts`);
    await heading(work.page, '1 request for internet access', 2);
    await reader.page.goto(`${origin}/organization/contacts`);
    await heading(reader.page, 'ESS Organization Contact Maintenance');
    await reader.page.getByRole('link', { name: 'Tess Settings' }).waitFor();
    await checkPage(reader.page, 'organization-contacts-read-only-pending', viewport);
    expect(await reader.page.getByRole('heading', { name: /requests? for internet access/ }).count()).toBe(0);
    expect(await reader.page.getByRole('button', { name: /internet access for Tess Settings/ }).count()).toBe(0);

    for (const w of [home, away, work, next, reader, elsewhere]) {
      expect(w.offsite).toEqual([]);
      expect(w.consoleErrors).toEqual([]);
      await w.context.close();
    }
  });
});

it('a person of two organizations, at home, chooses the one that allows its own network only: the chooser leads to "Request internet access"', async () => {
  const code = `C${unique()}`.slice(0, 8).toUpperCase();
  const organizationId = await createOrganization(federation, code, 'CHOSEN NETWORK DISTRICT');
  await federation.subgraphs.organization.dataSource.query(
    'UPDATE organization SET automaticInternetAccess = 0 WHERE id = ?',
    [organizationId],
  );
  const admin = await person(code, 'Abel', [ContactType.ADMINISTRATOR]);
  const openCode = `D${unique()}`.slice(0, 8).toUpperCase();
  await createOrganization(federation, openCode, 'OPEN NETWORK DISTRICT');
  const employee = await person(openCode, 'Chloe', [ContactType.READ_ONLY]);
  await linkMembership(federation, code, employee.email, [ContactType.PAYROLL], ['Chloe', 'Chosen']);

  const home = await window('desktop', INTERNET);
  await typeCredentials(home.page, employee.email);
  await heading(home.page, 'Choose an organization');
  await home.page.getByRole('radio', { name: /CHOSEN NETWORK DISTRICT/ }).check();
  await home.page.getByRole('button', { name: 'Continue' }).click();
  await heading(home.page, "Sign in from your organization's network");
  await home.page.getByLabel('Reason (optional)').fill('Payroll run from home');
  await home.page.getByRole('button', { name: 'Request internet access' }).click();
  await home.page.getByText('The administrators of your organization have your request.').waitFor();
  await checkPage(home.page, 'internet-access-requested-after-choice', 'desktop');
  const [mail] = await smtp.waitForSubject(admin.email, /Chloe Chosen asks to sign in from the internet/);
  expect(mail.text).toContain('Payroll run from home');
  expect(home.offsite).toEqual([]);
  expect(home.consoleErrors).toEqual([]);
  await home.context.close();
});
