import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Browser, Page } from 'playwright-core';
import { ContactType } from '@ecg/policy';
import { startFederation, TEST_STAFF, type Federation } from './support/federation';
import { PASSWORD, signedInContact } from './support/people';
import { checkPage, heading, launchChromium, openWindow, signInOnPage } from './support/web-browser';

// The web app's session. The access token lives in page memory only; the refresh
// token in an HttpOnly, Secure, SameSite=Strict cookie that page script cannot read and another
// site cannot use; a reload keeps the person signed in; the token is renewed before it expires.
// Whole browser flows with scrypt sign-ins: generous on a loaded machine.
jest.setTimeout(180_000);
let federation: Federation;
let browser: Browser;
let origin: string;
let attacker: Server;
let attackerOrigin: string;

beforeAll(async () => {
  federation = await startFederation('websess');
  origin = new URL(federation.gatewayUrl).origin;
  browser = await launchChromium();
  // Another site's page (another port: a different origin, though the same "site" for cookies).
  attacker = createServer((_req, res) =>
    res
      .writeHead(200, { 'content-type': 'text/html' })
      .end('<!doctype html><title>Elsewhere</title><p>Another site</p>'),
  );
  await new Promise<void>((resolve) => attacker.listen(0, '127.0.0.1', resolve));
  attackerOrigin = `http://127.0.0.1:${(attacker.address() as AddressInfo).port}`;
}, 120_000);
afterAll(async () => {
  await browser?.close();
  await federation?.stop();
  await new Promise((resolve) => attacker?.close(resolve));
});

const COOKIE = '__Host-ecg-refresh';

const signIn = (page: Page, userName: string, password: string) => signInOnPage(page, origin, userName, { password });

const sessionRequest = (path: string, headers: Record<string, string>, body = '{}') =>
  fetch(`${origin}${path}`, { method: 'POST', headers, body });

it('keeps the refresh token in an HttpOnly, Secure, SameSite=Strict cookie that page script and storage never see', async () => {
  const person = await signedInContact(federation, '42061', [ContactType.READ_ONLY], 'cookie.person@county.xorg');
  const { context, page, consoleErrors } = await openWindow(browser, origin, 'desktop');
  const sessionAnswers: string[] = [];
  page.on('response', async (response) => {
    if (response.url().includes('/session/')) sessionAnswers.push(await response.text().catch(() => ''));
  });
  await signIn(page, person.email, PASSWORD);

  const [cookie, ...others] = await context.cookies(origin);
  expect(others).toEqual([]);
  expect(cookie).toMatchObject({
    name: COOKIE,
    httpOnly: true,
    secure: true,
    sameSite: 'Strict',
    path: '/',
    expires: -1,
  });
  expect(cookie.value.length).toBeGreaterThan(30);
  const seenByScript = await page.evaluate(() => ({
    cookie: document.cookie,
    local: Object.keys(localStorage).length,
    session: Object.keys(sessionStorage).length,
    html: document.documentElement.outerHTML,
  }));
  expect(seenByScript).toMatchObject({ cookie: '', local: 0, session: 0 });
  expect(seenByScript.html).not.toContain(cookie.value);
  // The session routes hand the page an access token, never the refresh token.
  expect(sessionAnswers.some((a) => a.includes('accessToken'))).toBe(true);
  expect(sessionAnswers.join('\n')).not.toContain(cookie.value);
  expect(sessionAnswers.join('\n')).not.toMatch(/refreshToken/);

  // A reload: the page starts with no access token and gets one from the cookie, which rotates.
  await page.reload();
  await heading(page, 'My account');
  await page.getByRole('heading', { name: 'Self Service Details' }).waitFor();
  const [rotated] = await context.cookies(origin);
  expect(rotated.value).not.toBe(cookie.value);
  expect(consoleErrors).toEqual([]);
  await context.close();
});

it('refuses to use the cookie for a request another site could make', async () => {
  const person = await signedInContact(federation, '42061', [ContactType.READ_ONLY], 'csrf.target@county.xorg');
  const { context, page } = await openWindow(browser, origin, 'desktop');
  await signIn(page, person.email, PASSWORD);
  const cookieHeader = async () => `${COOKIE}=${(await context.cookies(origin))[0].value}`;

  // The checks themselves, each alone: JSON, the app's header, and the browser's Sec-Fetch-Site.
  const json = { 'content-type': 'application/json', 'x-requested-by': 'web-app' };
  for (const headers of <Record<string, string>[]>[
    { cookie: await cookieHeader(), 'content-type': 'text/plain', 'x-requested-by': 'web-app' },
    { cookie: await cookieHeader(), 'content-type': 'application/x-www-form-urlencoded' },
    { cookie: await cookieHeader(), 'content-type': 'application/json' },
    { cookie: await cookieHeader(), ...json, 'sec-fetch-site': 'cross-site' },
    { cookie: await cookieHeader(), ...json, 'sec-fetch-site': 'same-site' },
  ]) {
    const response = await sessionRequest('/session/refresh', headers);
    expect(response.status).toBe(403);
    expect((await response.json()).errors[0].extensions.code).toBe('FORBIDDEN');
  }
  const noCookie = await sessionRequest('/session/refresh', json);
  expect(noCookie.status).toBe(401);

  // From a page of another origin in the same browser: a form post and a fetch with credentials
  // both fail, and the person is still signed in afterwards.
  const elsewhere = await context.newPage();
  await elsewhere.goto(attackerOrigin);
  const attempts = await elsewhere.evaluate(async (target) => {
    const results: string[] = [];
    for (const path of ['/session/refresh', '/session/logout']) {
      try {
        const response = await fetch(`${target}${path}`, {
          method: 'POST',
          credentials: 'include',
          headers: { 'content-type': 'application/json', 'x-requested-by': 'web-app' },
          body: '{}',
        });
        results.push(`answered ${response.status}`);
      } catch {
        results.push('blocked');
      }
      try {
        const response = await fetch(`${target}${path}`, {
          method: 'POST',
          credentials: 'include',
          mode: 'no-cors',
          body: '{}',
        });
        results.push(`opaque ${response.type}`);
      } catch {
        results.push('blocked');
      }
    }
    return results;
  }, origin);
  expect(attempts).toEqual(['blocked', 'opaque opaque', 'blocked', 'opaque opaque']);
  const navigated = elsewhere.waitForURL(`${origin}/session/logout`);
  await elsewhere.evaluate((target) => {
    const form = document.createElement('form');
    form.method = 'POST';
    form.action = `${target}/session/logout`;
    form.enctype = 'text/plain';
    document.body.append(form);
    form.submit();
  }, origin);
  await navigated;
  expect(await elsewhere.content()).toMatch(/must come from the web app/);

  await page.reload();
  await heading(page, 'My account');
  await context.close();
});

it('renews the access token before it expires, without the person doing anything', async () => {
  const person = await signedInContact(federation, '42061', [ContactType.READ_ONLY], 'renewal.person@county.xorg');
  const { context, page, consoleErrors } = await openWindow(browser, origin, 'desktop');
  await page.clock.install();
  await signIn(page, person.email, PASSWORD);
  const renewals: number[] = [];
  page.on('response', (response) => response.url().endsWith('/session/refresh') && renewals.push(response.status()));
  // The access token lives 15 minutes; at 11 nothing is renewed yet, by 12 it is.
  await page.clock.runFor('11:00');
  expect(renewals).toEqual([]);
  await page.clock.runFor('01:05');
  await page.waitForResponse((r) => r.url().endsWith('/session/refresh'));
  expect(renewals).toEqual([200]);
  // The page keeps working on the new token (a new page of security events asks the API).
  await page.getByRole('button', { name: 'Change password' }).waitFor();
  expect(consoleErrors).toEqual([]);
  await context.close();
});

it('"Sign out everywhere" ends the session in every browser; "Change password" ends the others', async () => {
  const person = await signedInContact(federation, '42061', [ContactType.BENEFIT], 'two.devices@county.xorg');
  const laptop = await openWindow(browser, origin, 'desktop');
  const phone = await openWindow(browser, origin, 'phone');
  await signIn(laptop.page, person.email, PASSWORD);
  await signIn(phone.page, person.email, PASSWORD);

  // Change password on the laptop: it stays signed in (a new cookie), the phone is signed out.
  const newPassword = 'a fresh passphrase for two devices';
  await laptop.page.getByLabel('Current password').fill(PASSWORD);
  await laptop.page.getByLabel('New password', { exact: true }).fill(newPassword);
  await laptop.page.getByLabel('Confirm new password').fill(newPassword);
  await laptop.page.getByRole('button', { name: 'Change password' }).click();
  await laptop.page.getByText('Your password is changed.').waitFor();
  await checkPage(laptop.page, 'account-password-changed', 'desktop');
  await laptop.page.reload();
  await heading(laptop.page, 'My account');
  await phone.page.reload();
  await heading(phone.page, 'Sign In');
  expect(new URL(phone.page.url()).pathname).toBe('/sign-in');

  await signIn(phone.page, person.email, newPassword);
  await laptop.page.getByRole('button', { name: 'Sign out everywhere' }).click();
  // It asks first (see web-review-more for the dialog itself).
  await laptop.page
    .getByRole('dialog', { name: 'Sign out everywhere?' })
    .getByRole('button', { name: 'Sign out everywhere' })
    .click();
  await heading(laptop.page, 'Sign In');
  await laptop.page.getByText('You are signed out everywhere.').waitFor();
  await checkPage(laptop.page, 'sign-in-signed-out-everywhere', 'desktop');
  expect(await laptop.context.cookies(origin)).toEqual([]);
  await phone.page.reload();
  await heading(phone.page, 'Sign In');
  // The account page remembers where the person wanted to go.
  await phone.page.goto(`${origin}/account`);
  await heading(phone.page, 'Sign In');
  await phone.page.getByLabel('User Name (Email ID)').fill(person.email);
  await phone.page.getByLabel('Password', { exact: true }).fill(newPassword);
  await phone.page.getByRole('button', { name: 'Sign In' }).click();
  await heading(phone.page, 'My account');
  await phone.page.getByRole('cell', { name: 'Signed out everywhere' }).waitFor();
  await laptop.context.close();
  await phone.context.close();
});

it('works with the keyboard alone, with a focus ring that shows', async () => {
  const person = await signedInContact(federation, '42061', [ContactType.PAYROLL], 'keyboard.only@county.xorg');
  const { context, page } = await openWindow(browser, origin, 'phone');
  await page.goto(`${origin}/sign-in`);
  await heading(page, 'Sign In');
  const focused = () =>
    page.evaluate(() => {
      const element = document.activeElement as HTMLInputElement;
      const style = getComputedStyle(element);
      return {
        label: element.labels?.[0]?.textContent ?? element.textContent ?? '',
        outline: `${style.outlineStyle} ${style.outlineWidth}`,
        shadow: style.boxShadow,
      };
    });
  await page.keyboard.press('Tab');
  expect(await focused()).toMatchObject({ label: 'Skip to main content', outline: 'solid 3px' });
  await page.keyboard.press('Enter');
  // Tab on to the user name field, wherever the header puts it.
  for (let i = 0; i < 10 && (await focused()).label !== 'User Name (Email ID)'; i++) await page.keyboard.press('Tab');
  expect(await focused()).toMatchObject({ label: 'User Name (Email ID)', outline: 'solid 3px' });
  expect((await focused()).shadow).not.toBe('none');
  await page.keyboard.type(person.email);
  await page.keyboard.press('Tab');
  expect((await focused()).label).toBe('Password');
  await page.keyboard.type(PASSWORD);
  // "Show password" comes next, beside its field.
  await page.keyboard.press('Tab');
  expect(await focused()).toMatchObject({ label: 'Show password', outline: 'solid 3px' });
  await page.keyboard.press('Tab');
  expect(await focused()).toMatchObject({ label: 'Sign In', outline: 'solid 3px' });
  await checkPage(page, 'sign-in-keyboard-focus', 'phone');
  await page.keyboard.press('Enter');
  await heading(page, 'My account');
  // After moving to a new page, focus starts at its heading.
  expect(await page.evaluate(() => document.activeElement?.tagName)).toBe('H1');
  await context.close();
});

it('serves the app at / and its page paths with a strict Content-Security-Policy; GraphiQL keeps GET /graphql; other paths stay 404', async () => {
  for (const path of [
    '/',
    '/sign-in',
    '/account',
    '/self-service/unlock?token=x',
    '/self-service/find-administrator',
  ]) {
    const response = await fetch(`${origin}${path}`, { headers: { accept: 'text/html' } });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-security-policy')).toMatch(
      /default-src 'none'; script-src 'self'; style-src 'self'/,
    );
    expect(response.headers.get('referrer-policy')).toBe('no-referrer');
    const html = await response.text();
    expect(html).toMatch(/<div id="root"><\/div>/);
    // No inline script: every <script> names a file of this origin.
    expect(html.match(/<script[^>]*>/g)?.every((tag) => /src="\/assets\//.test(tag))).toBe(true);
  }
  expect(await (await fetch(federation.gatewayUrl, { headers: { accept: 'text/html' } })).text()).toMatch(/GraphiQL/);
  expect((await fetch(`${origin}/no-such-page`, { headers: { accept: 'text/html' } })).status).toBe(404);
  expect((await fetch(`${origin}/assets/no-such-file.js`)).status).toBe(404);

  // The staff login has an account page too: no Self Service Details, but password and sign-out.
  const { context, page } = await openWindow(browser, origin, 'desktop');
  await signIn(page, TEST_STAFF.email, TEST_STAFF.password);
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'My account' }).click();
  await page.getByText('Staff logins have no Self Service Details.').waitFor();
  await checkPage(page, 'account-staff', 'desktop');
  await page.goto(`${origin}/self-service/no-such-page`);
  await page.getByText('Page not found').first().waitFor();
  await context.close();
});
