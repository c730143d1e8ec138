import { randomBytes } from 'node:crypto';
import type { Browser } from 'playwright-core';
import { ContactType } from '@ecg/policy';
import type { Federation } from './support/federation';
import { contactInput, createContact, createOrganization, giveLogin, PASSWORD } from './support/people';
import { startWebBed, stopWebBed, type WebBed } from './support/web-bed';
import { heading, openWindow } from './support/web-browser';

// People the email cannot reach, on the screens (DESIGN.md section 9): the organization settings'
// email domains, the health report with a link to each contact, the panel's reachability line and
// the contact form's "Temporary address, review by", in Chromium on the real federation.
jest.setTimeout(300_000);
let federation: Federation;
let smtp: WebBed['smtp'];
let browser: Browser;
let origin: string;

beforeAll(async () => void ({ federation, smtp, browser, origin } = await startWebBed('webreach')), 120_000);
afterAll(() => stopWebBed({ federation, smtp, browser }));

const unique = () => randomBytes(4).toString('hex');

it('the Administrator sets the internal-only domain, reads the health report, opens a refused contact and marks another address temporary', async () => {
  const code = `E${unique()}`.slice(0, 8).toUpperCase();
  await createOrganization(federation, code, `REACH DISTRICT ${code}`);
  const adminEmail = `ada.${unique()}@reach.example`;
  const adminId = await createContact(
    federation,
    code,
    contactInput('Ada', 'Admin', adminEmail, [ContactType.ADMINISTRATOR]),
  );
  await giveLogin(federation, adminId, code, adminEmail);
  const bouncedEmail = `bob.${unique()}@reach.example`;
  const bounced = await createContact(
    federation,
    code,
    contactInput('Bob', 'Bounced', bouncedEmail, [ContactType.PAYROLL]),
  );
  const insideEmail = `ian.${unique()}@intranet.example`;
  await createContact(federation, code, contactInput('Ian', 'Inside', insideEmail, [ContactType.PAYROLL]));
  smtp.refuse(bouncedEmail, 550, '5.1.1 Mailbox does not exist');
  const staff = await federation.staffToken();
  await federation.query(
    'mutation ($id: ID!) { register(contactId: $id) { status } }',
    { id: bounced },
    { token: staff },
  );
  // The refusal comes back from the mail server in the background.
  const deadline = Date.now() + 30_000;
  while (!smtp.refused.some((r) => r.to === bouncedEmail) && Date.now() < deadline)
    await new Promise((r) => setTimeout(r, 200));
  await new Promise((r) => setTimeout(r, 1000));

  const { page } = await openWindow(browser, origin, 'desktop');
  await page.goto(`${origin}/sign-in`);
  await page.getByLabel('User Name (Email ID)').fill(adminEmail);
  await page.getByLabel('Password', { exact: true }).fill(PASSWORD);
  await page.getByRole('button', { name: 'Sign In' }).click();
  await heading(page, 'My account');

  // The settings screen: the internal-only domain.
  await page.goto(`${origin}/organization/settings`);
  await page.getByLabel('Internal-only email domains').fill('intranet.example');
  await page.getByRole('button', { name: 'Save' }).click();
  await page.getByText(/saved/i).first().waitFor();

  // The health report: each contact the mail may not reach, what is wrong and what to do.
  await page.goto(`${origin}/organization/contacts`);
  const report = page.getByRole('list', { name: 'Email reachability' });
  await report.getByText(/refused this address on .*Mailbox does not exist/).waitFor();
  await report.getByText(/works only inside/).waitFor();
  await report.getByRole('link', { name: 'Bob Bounced' }).click();

  // The panel of the refused contact.
  await heading(page, /Contact Details: Bob Bounced/, 2);
  await page.getByText(/Undeliverable since .*Mailbox does not exist/).waitFor();

  // The contact form: a temporary address with its review date.
  await page.getByRole('link', { name: 'Ian Inside' }).first().click();
  await heading(page, /Contact Details: Ian Inside/, 2);
  await page.getByText(/Internal only/).waitFor();
  await page.getByLabel('Temporary address, review by').fill('2020-01-31');
  await page.getByRole('button', { name: 'Save' }).click();
  await page.getByText('All changes successfully saved.').waitFor();
  await page.getByText('Temporary address, review by 2020-01-31').waitFor();
  // The report has a section of its own, shown when no contact is open.
  await page.getByRole('link', { name: /^Close the contact/ }).click();
  await report.getByText(/2020-01-31 \(overdue\)/).waitFor();
});
