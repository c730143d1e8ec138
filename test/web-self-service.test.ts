import type { Browser, Page } from 'playwright-core';
import { ContactType } from '@ecg/policy';
import type { Federation } from './support/federation';
import { contactInput, createContact } from './support/people';
import { startWebBed, stopWebBed, type WebBed } from './support/web-bed';
import { checkPage, fillSignIn, heading, onGateway, openWindow, type ViewportName } from './support/web-browser';

// The web app's pages for getting in and staying in, driven in Debian's Chromium by
// their labels (DESIGN.md section 7), against the real federation on MariaDB and a real SMTP
// server. Every flow runs on a desktop window and on a 360 x 740 phone screen.
// Whole browser flows with scrypt sign-ins: generous on a loaded machine.
jest.setTimeout(180_000);
let federation: Federation;
let smtp: WebBed['smtp'];
let browser: Browser;
let origin: string;

beforeAll(async () => void ({ federation, smtp, browser, origin } = await startWebBed('web')), 120_000);
afterAll(() => stopWebBed({ federation, smtp, browser }));

const REGISTER = 'mutation ($id: ID!) { register(contactId: $id) { status } }';
const UNLOCK = 'mutation ($id: ID!) { unlock(contactId: $id) { status } }';
const temporaryPasswordIn = (text: string) => /Temporary password: (\S+)/.exec(text)![1];
const linkIn = (text: string, path: string) => new RegExp(`(https?://\\S+${path}\\?token=[\\w-]+)`).exec(text)![1];

/** An administrator (staff here) creates the contact and presses Register: the mail holds a temporary password. */
async function registered(email: string) {
  const id = await createContact(federation, '42061', contactInput('Web', 'Person', email, [ContactType.PAYROLL]));
  const { errors } = await federation.query(REGISTER, { id }, { token: await federation.staffToken() });
  expect(errors).toBeUndefined();
  const [mail] = await smtp.waitFor(email);
  return { id, email, temporaryPassword: temporaryPasswordIn(mail.text) };
}

/** A registered person who chose `password` through the browser's first sign-in. */
async function enrolledThroughTheBrowser(page: Page, email: string, password: string) {
  const person = await registered(email);
  await page.goto(`${origin}/sign-in`);
  await fillSignIn(page, email, person.temporaryPassword);
  await heading(page, 'Choose your password');
  await page.getByLabel('New password', { exact: true }).fill(password);
  await page.getByLabel('Confirm new password').fill(password);
  await page.getByRole('button', { name: 'Choose password' }).click();
  await heading(page, 'My account');
  await page.getByRole('button', { name: 'Sign out', exact: true }).click();
  await heading(page, 'Sign In');
  return person;
}

describe.each<ViewportName>(['desktop', 'phone'])('on a %s screen', (viewport) => {
  const address = (name: string) => `${name}.${viewport}@county.xorg`;

  it('a registered contact signs in with the temporary password, chooses a password, lands on /account, and stays signed in across a reload', async () => {
    const person = await registered(address('first.sign.in'));
    const { context, page, offsite, consoleErrors } = await openWindow(browser, origin, viewport);
    const response = await page.goto(`${origin}/sign-in`);
    expect(response?.headers()['content-security-policy']).toMatch(/script-src 'self'/);
    await heading(page, 'Sign In');
    await checkPage(page, 'sign-in', viewport);

    await fillSignIn(page, person.email, person.temporaryPassword);
    await heading(page, 'Choose your password');
    await checkPage(page, 'choose-password', viewport);
    // The person's own typing is checked first, in words that say what to do.
    await page.getByLabel('New password', { exact: true }).fill('too short');
    await page.getByLabel('Confirm new password').fill('not the same');
    await page.getByRole('button', { name: 'Choose password' }).click();
    await page.getByText('New password must be at least 12 characters.').first().waitFor();
    await page.getByText('The two passwords are not the same.').first().waitFor();
    await checkPage(page, 'choose-password-errors', viewport);
    // The server's policy too: a common password is refused beside its field.
    await page.getByLabel('New password', { exact: true }).fill('password1234');
    await page.getByLabel('Confirm new password').fill('password1234');
    await page.getByRole('button', { name: 'Choose password' }).click();
    await page.getByText('New password is too common.').first().waitFor();

    const chosen = 'my own long web passphrase';
    await page.getByLabel('New password', { exact: true }).fill(chosen);
    await page.getByLabel('Confirm new password').fill(chosen);
    await page.getByRole('button', { name: 'Choose password' }).click();
    await heading(page, 'My account');
    expect(new URL(page.url()).pathname).toBe('/account');
    await page.getByText('Your password is saved, and you are signed in.').waitFor();
    await page.getByRole('heading', { name: 'Self Service Details' }).waitFor();
    expect(await page.locator('dl.details').innerText()).toMatch(/Status\s+Registered/);
    await checkPage(page, 'account', viewport);

    await page.reload();
    await heading(page, 'My account');
    await page.getByRole('heading', { name: 'Security events' }).waitFor();
    expect(await page.locator('table').innerText()).toMatch(/Password changed/);
    expect(await page.getByText('Your password is saved').count()).toBe(0);
    expect(await page.getByRole('link', { name: 'My account' }).count()).toBe(1);

    // The temporary password no longer works; the chosen one does (in a fresh window).
    const second = await openWindow(browser, origin, viewport);
    await second.page.goto(`${origin}/sign-in`);
    await fillSignIn(second.page, person.email, chosen);
    await heading(second.page, 'My account');
    await second.context.close();

    expect(offsite).toEqual([]);
    expect(consoleErrors).toEqual([]);
    await context.close();
  });

  it('three wrong passwords lock the login, and the page says what to do; the Unlock link unlocks once and says so the second time', async () => {
    const { context, page, consoleErrors } = await openWindow(browser, origin, viewport);
    const password = 'the right web passphrase';
    const person = await enrolledThroughTheBrowser(page, address('locked'), password);

    for (let attempt = 1; attempt <= 3; attempt++) {
      await fillSignIn(page, person.email, `wrong guess number ${attempt}`);
      await page.getByRole('alert').getByText('The user name or password is not correct.').waitFor();
    }
    // Locked now: the right password gets the same answer as a wrong one (no one learns the login
    // exists), and that answer tells the owner how to get back in.
    await fillSignIn(page, person.email, password);
    const answer = page.getByRole('alert');
    await answer.getByText('The user name or password is not correct.').waitFor();
    expect(await answer.innerText()).toMatch(/After 3 failed attempts in a row your login is locked/);
    expect(await answer.getByRole('link', { name: 'Forgot your password?' }).count()).toBe(1);
    await checkPage(page, 'sign-in-failed', viewport);
    // A stranger typing a name that does not exist gets exactly the same words.
    const lockedWords = await answer.innerText();
    await fillSignIn(page, address('nobody.at.all'), 'whatever they type');
    await page.getByRole('alert').waitFor();
    expect(await page.getByRole('alert').innerText()).toBe(lockedWords);

    // The administrator's Unlock mails a one-time link to the unlock page.
    const { errors } = await federation.query(UNLOCK, { id: person.id }, { token: await federation.staffToken() });
    expect(errors).toBeUndefined();
    const mail = (await smtp.waitFor(person.email, 4)).find((m) => /finish unlocking/.test(m.subject))!;
    const link = onGateway(origin, linkIn(mail.text, '/self-service/unlock'));
    await page.goto(link);
    await heading(page, 'Unlock your account');
    await checkPage(page, 'unlock', viewport);
    await page.getByRole('button', { name: 'Unlock my account' }).click();
    await page.getByText('Your account is unlocked').waitFor();
    await checkPage(page, 'unlock-done', viewport);
    await page.getByRole('link', { name: 'Sign In', exact: true }).first().click();
    await heading(page, 'Sign In');
    await fillSignIn(page, person.email, password);
    await heading(page, 'My account');
    expect(await page.locator('dl.details').innerText()).toMatch(/Status\s+Registered/);

    // A spent link says so when its page opens, before anyone presses a button.
    await page.goto(link);
    await page.getByRole('alert').getByText('This unlock link has already been used').waitFor();
    expect(await page.getByRole('button', { name: 'Unlock my account' }).count()).toBe(0);
    await checkPage(page, 'unlock-spent', viewport);
    expect(consoleErrors).toEqual([]);
    await context.close();
  });

  it('"Forgot your password?" sends the mail; its link leads to a new password, and the person signs in with it', async () => {
    const { context, page, consoleErrors } = await openWindow(browser, origin, viewport);
    const person = await enrolledThroughTheBrowser(page, address('forgetful'), 'the first web passphrase');
    await page.getByRole('main').getByRole('link', { name: 'Forgot your password?' }).click();
    await heading(page, 'Forgot your password?');
    await checkPage(page, 'forgot-password', viewport);
    await page.getByLabel('User Name (Email ID)').fill(person.email);
    await page.getByRole('button', { name: 'Send reset link' }).click();
    const confirmation = await page.getByRole('status').innerText();
    await checkPage(page, 'forgot-password-sent', viewport);

    // Someone else's name, or none at all: the very same confirmation.
    await page.goto(`${origin}/self-service/forgot-password`);
    await page.getByLabel('User Name (Email ID)').fill(address('never.registered'));
    await page.getByRole('button', { name: 'Send reset link' }).click();
    expect(await page.getByRole('status').innerText()).toBe(confirmation);

    const mail = (await smtp.waitFor(person.email, 2)).find((m) => /reset your self-service password/.test(m.subject))!;
    await page.goto(onGateway(origin, linkIn(mail.text, '/self-service/reset-password')));
    await heading(page, 'Reset your password');
    await checkPage(page, 'reset-password', viewport);
    const newPassword = 'a second and better web passphrase';
    await page.getByLabel('New password', { exact: true }).fill(newPassword);
    await page.getByLabel('Confirm new password').fill(newPassword);
    await page.getByRole('button', { name: 'Reset password' }).click();
    await heading(page, 'Sign In');
    await page.getByText('Your password has been reset, and your login is unlocked.').waitFor();
    await checkPage(page, 'sign-in-after-reset', viewport);
    await fillSignIn(page, person.email, newPassword);
    await heading(page, 'My account');
    expect(consoleErrors).toEqual([]);
    await context.close();
  });

  it("/self-service/find-administrator finds 42061's administrators by code and by part of the name, with the organization's own message", async () => {
    const { context, page, consoleErrors } = await openWindow(browser, origin, viewport);
    await page.goto(`${origin}/self-service/find-administrator`);
    await heading(page, 'Find your administrator');
    await checkPage(page, 'find-administrator', viewport);

    const search = async (text: string) => {
      await page.getByLabel('Search for Organization (Hint: Org Code, Org Name)').fill(text);
      await page.getByRole('button', { name: 'Search', exact: true }).click();
    };
    await search('42061');
    const card = page.locator('.card', {
      has: page.getByRole('heading', { name: '42061-COUNTY OFFICE OF EDUCATION' }),
    });
    await card.waitFor();
    // Only Administrators who can sign in and so help: Contact Test's login is still pending.
    const listed = await card.getByRole('listitem').allInnerTexts();
    expect(listed).not.toContain('Contact Test');
    expect(await card.innerText()).toMatch(
      /Message from your organization\s+Locked out or no email on record\? Contact HR\/IT on/,
    );
    await checkPage(page, 'find-administrator-results', viewport);

    await search('office of educ');
    await page.getByRole('heading', { name: '2 organizations match “office of educ”' }).waitFor();
    expect(await page.locator('.card h3').allInnerTexts()).toEqual(
      expect.arrayContaining(['42061-COUNTY OFFICE OF EDUCATION', '01001-COUNTY OFFICE OF EDUCATION']),
    );
    expect(await card.getByRole('listitem').count()).toBe(listed.length);

    await search('zz-no-such-organization');
    await page.getByRole('heading', { name: 'No organization matches “zz-no-such-organization”' }).waitFor();
    await search('x');
    await page.getByText('Type at least 2 characters').waitFor();
    expect(consoleErrors).toEqual([]);
    await context.close();
  });
});
