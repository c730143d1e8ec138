import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import axe from 'axe-core';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { buildIsCurrent } from '../../tools/src/build-web';
import { TEST_STAFF } from './federation';
import { PASSWORD } from './people';

/**
 * The gateway serves clients/web/dist: a test run straight from source (`npx jest test/web-...`)
 * builds it first when it is missing or older than the app's sources, so it never tests old pages.
 */
function ensureWebAppBuilt(): void {
  if (buildIsCurrent()) return;
  // jest sets NODE_ENV=test, which would give Vite (and so React) a development build.
  const build = spawnSync('npm', ['run', 'build:web'], {
    cwd: resolve(__dirname, '../..'),
    encoding: 'utf8',
    env: { ...process.env, NODE_ENV: 'production' },
  });
  if (build.status !== 0) throw new Error(`The web app does not build:\n${build.stdout}${build.stderr}`);
}

const HEADLESS_SHELL = '/usr/bin/chromium-headless-shell';

/**
 * The Chromium the tests drive: CHROMIUM_PATH, else Debian's `chromium-headless-shell` (the same
 * Chromium release, headless only: what Playwright itself runs headless), else `/usr/bin/chromium`.
 * Why the shell: the full browser's headless mode runs its display compositor and a GPU process
 * for every page. Two browser files on the 2-core machine took 76 s (87 s of Chromium's CPU)
 * with the full browser and 51 s (40 s) with the shell; `.ci/run` installs both.
 */
function chromiumExecutable(): string {
  if (process.env.CHROMIUM_PATH) return process.env.CHROMIUM_PATH;
  return existsSync(HEADLESS_SHELL) ? HEADLESS_SHELL : '/usr/bin/chromium';
}

/** Chromium, headless, as every browser test starts it (playwright-core brings none). */
export function launchChromium(): Promise<Browser> {
  ensureWebAppBuilt();
  return chromium.launch({
    executablePath: chromiumExecutable(),
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}

export const VIEWPORTS = {
  desktop: { width: 1280, height: 800 },
  phone: { width: 360, height: 740 },
} as const;
export type ViewportName = keyof typeof VIEWPORTS;

const OUTPUT = resolve(__dirname, '../../test-output');

/**
 * A browser window on the gateway that records what a person would not see but a tester must:
 * requests to any other origin (there must be none: no CDN), and console errors (a blocked
 * script or style, a CSP violation, a React warning).
 */
export async function openWindow(browser: Browser, gatewayOrigin: string, viewport: ViewportName) {
  const context: BrowserContext = await browser.newContext({
    viewport: VIEWPORTS[viewport],
    deviceScaleFactor: 1,
    locale: 'en-US',
    timezoneId: 'UTC',
  });
  const page = await context.newPage();
  const offsite: string[] = [];
  const consoleErrors: string[] = [];
  page.on('request', (request) => {
    if (!request.url().startsWith(gatewayOrigin) && !request.url().startsWith('data:')) offsite.push(request.url());
  });
  page.on('console', (message) => {
    // A failed sign-in answers 401 on purpose; Chromium logs every non-2xx response.
    if (message.type() === 'error' && !/status of 4\d\d/.test(message.text())) consoleErrors.push(message.text());
  });
  page.on('pageerror', (error) => consoleErrors.push(error.message));
  trackRequests(page);
  // WEB_DEBUG=1: every answer of the API and the session routes, to see why a page waits.
  if (process.env.WEB_DEBUG)
    page.on(
      'response',
      async (r) =>
        /graphql|session/.test(r.url()) &&
        console.log(r.status(), r.url(), (await r.text().catch(() => '')).slice(0, 300)),
    );
  return { context, page, offsite, consoleErrors };
}

interface Traffic {
  inFlight: number;
  lastChange: number;
}
const traffic = new WeakMap<Page, Traffic>();

/** Counts the page's requests in flight, so a check can wait for the page to settle (see `settled`). */
function trackRequests(page: Page): void {
  const state: Traffic = { inFlight: 0, lastChange: Date.now() };
  const change = (by: number) => {
    state.inFlight += by;
    state.lastChange = Date.now();
  };
  page.on('request', () => change(1));
  page.on('requestfinished', () => change(-1));
  page.on('requestfailed', () => change(-1));
  traffic.set(page, state);
}

// A page that answered its last request this long ago has rendered what the answer brought.
const QUIET_MILLISECONDS = 100;
// A request that neither ends nor is joined by another for this long is held on purpose (a test
// holding an answer back to see the busy state): the page shows what it shows while it waits.
const HELD_MILLISECONDS = 1_000;

/**
 * Waits until no request of the page is in flight and none has ended for a moment. Playwright's
 * 'networkidle' waits a fixed 500 ms after the last request, a cost every checked page paid.
 */
async function settled(page: Page): Promise<void> {
  const state = traffic.get(page);
  if (!state) return page.waitForLoadState('networkidle');
  await page.waitForLoadState('load');
  for (;;) {
    const quietFor = Date.now() - state.lastChange;
    if (quietFor >= (state.inFlight > 0 ? HELD_MILLISECONDS : QUIET_MILLISECONDS)) return;
    await new Promise((wait) => setTimeout(wait, 25));
  }
}

/** What the pages are held to: WCAG 2.1 A and AA, and axe's best practices. */
const AXE_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'];

/**
 * axe-core's violations on the page as it is now: every rule of `AXE_TAGS`, or only `rules`.
 * The 650 KB axe source is evaluated once per document, where @axe-core/playwright evaluates it
 * twice per check (700 of its 840 ms a check). The pages have no frames to look into: their
 * policy (default-src 'none') loads none.
 */
export async function axeViolations(page: Page, rules?: string[]): Promise<axe.Result[]> {
  if (!(await page.evaluate(() => 'axe' in window))) await page.evaluate(axe.source);
  const runOnly: axe.RunOnly = rules ? { type: 'rule', values: rules } : { type: 'tag', values: AXE_TAGS };
  const results = await page.evaluate(
    // Only violations are read: axe skips collecting the nodes that pass (about half its time).
    (options) => (window as unknown as { axe: typeof axe }).axe.run(document, options),
    { runOnly, resultTypes: ['violations'], iframes: false } satisfies axe.RunOptions,
  );
  return results.violations;
}

/**
 * Every page is checked the same way, in the state a person sees it: axe-core finds no serious
 * or critical violation, and a screenshot lands in test-output/ to look at.
 */
export async function checkPage(page: Page, name: string, viewport: ViewportName): Promise<void> {
  await settled(page);
  const serious = (await axeViolations(page))
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => ({ page: name, viewport, rule: v.id, help: v.help, nodes: v.nodes.map((n) => n.target.join(' ')) }));
  expect(serious).toEqual([]);
  mkdirSync(OUTPUT, { recursive: true });
  await page.screenshot({ path: resolve(OUTPUT, `web-${name}-${viewport}.png`), fullPage: true });
  // Nothing sticks out sideways on a phone: the page fits its width.
  const overflow = await page.evaluate(
    () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
  );
  expect({ page: name, viewport, overflow }).toEqual({ page: name, viewport, overflow: 0 });
  // Nor inside a table's own scrolling region: on a phone a table's rows stack (class `stacked`).
  if (viewport !== 'phone') return;
  const scrolling = await page.$$eval('.table-scroll', (regions) =>
    regions
      .filter((region) => region.scrollWidth > region.clientWidth)
      .map((region) => {
        const labelledBy = region.getAttribute('aria-labelledby')?.split(' ')[0];
        const label = labelledBy ? document.getElementById(labelledBy)?.textContent : region.getAttribute('aria-label');
        return label ?? region.outerHTML.slice(0, 80);
      }),
  );
  expect({ page: name, viewport, scrolling }).toEqual({ page: name, viewport, scrolling: [] });
}

/** The path and query of a link in an email, opened on the gateway under test (the mail names the configured public URL). */
export const onGateway = (gatewayOrigin: string, link: string) => {
  const url = new URL(link);
  return `${gatewayOrigin}${url.pathname}${url.search}`;
};

/** Waits for a heading (level 1 unless told): what a person reads to know where they are. */
export const heading = (page: Page, name: string | RegExp, level = 1) =>
  page.getByRole('heading', { level, name }).waitFor();

/** Types a user name and password into the Sign In page on screen and presses Sign In. */
export async function fillSignIn(page: Page, userName: string, password = PASSWORD): Promise<void> {
  await page.getByLabel('User Name (Email ID)').fill(userName);
  await page.getByLabel('Password', { exact: true }).fill(password);
  await page.getByRole('button', { name: 'Sign In' }).click();
}

/**
 * Opens Sign In, signs in as a person does, and waits for the page they land on: staff on the
 * maintenance screen, contacts on My account, or `landing` (null: the test waits itself).
 */
export async function signInOnPage(
  page: Page,
  origin: string,
  userName: string,
  { password = PASSWORD, landing }: { password?: string; landing?: string | RegExp | null } = {},
): Promise<void> {
  await page.goto(`${origin}/sign-in`);
  await fillSignIn(page, userName, password);
  const where =
    landing === undefined
      ? userName === TEST_STAFF.email
        ? 'ESS Organization Contact Maintenance'
        : 'My account'
      : landing;
  if (where !== null) await heading(page, where);
}
