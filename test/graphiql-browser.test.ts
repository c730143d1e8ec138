import { mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Browser } from 'playwright-core';
import { startFederation, TEST_STAFF, type Federation } from './support/federation';
import { launchChromium } from './support/web-browser';

// GraphiQL in a real browser (Chromium, driven by playwright-core), served by
// the gateway from the built web app (no CDN): sign in through it, then run a contacts query and see the result.
const OUTPUT = resolve(__dirname, '../test-output');
let federation: Federation;
let browser: Browser;
/** A CodeMirror 5 editor's element, as GraphiQL renders it. */
type CodeMirrorHost = HTMLElement & { CodeMirror: { getValue(): string; setValue(v: string): void } };

beforeAll(async () => {
  federation = await startFederation('browser');
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
  await federation?.stop();
});

it("signs in through GraphiQL and shows an organization's contacts", async () => {
  const page = await browser.newPage();
  const offsite: string[] = [];
  page.on('request', (request) => {
    if (!request.url().startsWith(new URL(federation.gatewayUrl).origin)) offsite.push(request.url());
  });
  // The page carries the web app's policy (no inline script or style, no framing): GraphiQL must
  // still work under it, with nothing refused on the way.
  const refused: string[] = [];
  page.on('console', (message) => /Content Security Policy/.test(message.text()) && refused.push(message.text()));
  const answer = await page.goto(federation.gatewayUrl);
  expect(answer?.headers()['content-security-policy']).toContain("frame-ancestors 'none'");
  await page.waitForSelector('.graphiql-tab', { timeout: 30_000 });
  expect(await page.locator('.graphiql-tab').count()).toBe(4);
  // The editors load after the tabs (a chunk of their own); the first tab opens with its variables.
  await page.waitForFunction(
    () =>
      document
        .querySelector<CodeMirrorHost>('.graphiql-editor-tool .CodeMirror')
        ?.CodeMirror.getValue()
        .includes('"userName"') ?? false,
    undefined,
    { timeout: 30_000 },
  );

  // Tab 1, "Sign in": our staff login in the variables editor, then Run. GraphiQL settles the
  // tab's state after its editors load, so the login is written until it stays, as a person retypes.
  const credentials = JSON.stringify({ userName: TEST_STAFF.email, password: TEST_STAFF.password });
  const variablesHold = () =>
    page.evaluate((expected) => {
      const editor = document.querySelector<CodeMirrorHost>('.graphiql-editor-tool .CodeMirror')!.CodeMirror;
      if (editor.getValue() === expected) return true;
      editor.setValue(expected);
      return false;
    }, credentials);
  for (let tries = 0; tries < 20 && !(await variablesHold()); tries++) await page.waitForTimeout(250);
  await page.waitForTimeout(750);
  expect(await variablesHold()).toBe(true);
  const result = () =>
    page.evaluate(
      () =>
        document
          .querySelector<CodeMirrorHost>('section[aria-label="Result Window"] .CodeMirror')
          ?.CodeMirror.getValue() ?? '',
    );
  await page.click('.graphiql-execute-button');
  // Whatever the answer, wait for it: a refusal then shows its words in the assertion below.
  await page.waitForFunction(
    () =>
      /accessToken|"errors"/.test(
        document
          .querySelector<CodeMirrorHost>('section[aria-label="Result Window"] .CodeMirror')
          ?.CodeMirror.getValue() ?? '',
      ),
    undefined,
    { timeout: 45_000 },
  );
  expect(await result()).toContain('accessToken');
  const token = JSON.parse(await result()).data.login.accessToken as string;

  // Tab 2, "Contacts": the token in the headers editor, then Run.
  await page.locator('.graphiql-tab-button').nth(1).click();
  // GraphiQL settles the tab's operation name after showing its query: wait for both.
  await page.waitForFunction(() =>
    (
      document.querySelector<CodeMirrorHost>('section[aria-label="Query Editor"] .CodeMirror')?.CodeMirror.getValue() ??
      ''
    ).includes('query Contacts'),
  );
  await page.waitForTimeout(750);
  await page.evaluate(
    (headers) => {
      const editors = document.querySelectorAll<CodeMirrorHost>('.graphiql-editor-tool .CodeMirror');
      editors[1].CodeMirror.setValue(headers);
    },
    JSON.stringify({ Authorization: `Bearer ${token}` }),
  );
  await page.click('.graphiql-execute-button');
  await page.waitForFunction(() =>
    (
      document
        .querySelector<CodeMirrorHost>('section[aria-label="Result Window"] .CodeMirror')
        ?.CodeMirror.getValue() ?? ''
    ).includes('totalCount'),
  );
  const contacts = JSON.parse(await result());
  expect(contacts.errors).toBeUndefined();
  expect(contacts.data.organization.displayName).toBe('42061-COUNTY OFFICE OF EDUCATION');
  expect(contacts.data.organization.contacts.items.map((c: any) => c.fullName)).toContain('Contact Test');
  // What the person sees: the top of the answer is on screen.
  expect(await page.locator('section[aria-label="Result Window"]').innerText()).toContain(
    '42061-COUNTY OFFICE OF EDUCATION',
  );

  mkdirSync(OUTPUT, { recursive: true });
  await page.screenshot({ path: resolve(OUTPUT, 'graphiql-contacts.png'), fullPage: true });
  expect(offsite).toEqual([]);
  expect(refused).toEqual([]);
});
