import type { Browser } from 'playwright-core';
import { ContactType } from '@ecg/policy';
import type { Federation } from './support/federation';
import { contactInput, createContact, createOrganization, giveLogin, PASSWORD } from './support/people';
import { scimClient } from './support/scim';
import { startWebBed, stopWebBed, type WebBed } from './support/web-bed';
import { checkPage, openWindow, type ViewportName } from './support/web-browser';

// The Provisioning (SCIM) panel of the organization settings screen, in Debian's Chromium on the
// real federation: an Administrator makes a token (shown once), sees it used, and revokes it.
jest.setTimeout(300_000);
let federation: Federation;
let smtp: WebBed['smtp'];
let browser: Browser;
let origin: string;

beforeAll(async () => void ({ federation, smtp, browser, origin } = await startWebBed('webscim')), 120_000);
afterAll(() => stopWebBed({ federation, smtp, browser }));

describe.each<ViewportName>(['desktop', 'phone'])('on a %s screen', (viewport) => {
  it('an Administrator makes a provisioning token, sees it used, and revokes it', async () => {
    const code = viewport === 'desktop' ? '94001' : '94002';
    await createOrganization(federation, code, 'PROVISIONED DISTRICT');
    const email = `adele.${code}@scim.example`;
    const id = await createContact(
      federation,
      code,
      contactInput('Adele', 'Provisioner', email, [ContactType.ADMINISTRATOR]),
    );
    await giveLogin(federation, id, code, email);

    const { page, offsite, consoleErrors } = await openWindow(browser, origin, viewport);
    await page.goto(`${origin}/sign-in`);
    await page.getByLabel('User Name (Email ID)').fill(email);
    await page.getByLabel('Password', { exact: true }).fill(PASSWORD);
    await page.getByRole('button', { name: 'Sign In' }).click();
    await page.waitForURL((url) => !url.pathname.startsWith('/sign-in'));
    await page.goto(`${origin}/organization/settings`);
    await page.getByRole('heading', { name: 'Provisioning (SCIM)' }).waitFor();
    await page.getByText('No provisioning tokens yet.').waitFor();
    await page.getByRole('button', { name: 'Create token' }).click();
    await page.getByText('Enter a label, such as the name of your directory.').waitFor();
    await page.getByLabel('Token label').fill('Entra ID');
    await page.getByRole('button', { name: 'Create token' }).click();
    await page.getByText('it is shown only this once').waitFor();
    const token = await page.getByLabel('Provisioning token').inputValue();
    expect(token).toMatch(/^ecgp_/);
    await checkPage(page, 'provisioning-token-created', viewport);

    const scim = scimClient(federation, token);
    expect((await scim('GET', '/Users')).status).toBe(200);
    await page.reload();
    const row = page.getByRole('row', { name: /Entra ID/ });
    await row.waitFor();
    await expect(row.textContent()).resolves.toContain('Adele Provisioner');
    await expect(row.textContent()).resolves.not.toContain('Never');
    await expect(page.content()).resolves.not.toContain(token);

    await page.getByRole('button', { name: 'Revoke Entra ID' }).click();
    // Asked first, in the page's own dialog naming the token, with Cancel focused.
    const asked = page.getByRole('dialog', { name: 'Revoke the token "Entra ID"?' });
    await asked.waitFor();
    expect(await asked.getByRole('button', { name: 'Cancel' }).evaluate((b) => b === document.activeElement)).toBe(
      true,
    );
    await asked.getByRole('button', { name: 'Revoke' }).click();
    await row.getByText(/^Revoked /).waitFor();
    await checkPage(page, 'provisioning-token-revoked', viewport);
    expect((await scim('GET', '/Users')).status).toBe(401);
    expect({ offsite, consoleErrors }).toEqual({ offsite: [], consoleErrors: [] });
  });
});
