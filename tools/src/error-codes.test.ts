import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { ERROR_CODES, isErrorCode } from '@ecg/policy';

// The registry and the code agree in both directions: every code the source sends is registered,
// every registered code is sent by the source (or we say who sends it), and a test sees each one.

const ROOT = resolve(__dirname, '../..');
const SOURCE_DIRS = ['packages', 'subgraphs', 'gateway'];

function files(dir: string, keep: (path: string) => boolean): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (['node_modules', 'dist', 'migrations'].includes(name)) return [];
    if (statSync(path).isDirectory()) return files(path, keep);
    return keep(path) ? [path] : [];
  });
}

const sourceFiles = SOURCE_DIRS.flatMap((d) =>
  files(join(ROOT, d), (p) => /\.ts$/.test(p) && !p.endsWith('.test.ts') && !p.endsWith('error-codes.ts')),
);
const testFiles = [
  ...files(join(ROOT, 'test'), (p) => p.endsWith('.test.ts')),
  ...SOURCE_DIRS.flatMap((d) => files(join(ROOT, d), (p) => p.endsWith('.test.ts'))),
];

// The ways the source names a code it sends: `appError('CODE'`, `appErrorBody('CODE'`,
// `ErrorCode.CODE`, `code: 'CODE'` (a literal extension), `refused('CODE'` and `refusal('CODE'`
// (the credential subgraph's helpers over appError), and a code on the line after an open call.
const SENT = [
  /\b(?:appError|appErrorBody|refused|refusal)\(\s*'([A-Z][A-Z_]+)'/g,
  /\bErrorCode\.([A-Z][A-Z_]+)\b/g,
  /\bcode: '([A-Z][A-Z_]+)'/g,
];

function codesSentBySource(): Map<string, string[]> {
  const sent = new Map<string, string[]>();
  for (const file of sourceFiles) {
    const text = readFileSync(file, 'utf8');
    for (const pattern of SENT)
      for (const [, code] of text.matchAll(pattern)) sent.set(code, [...(sent.get(code) ?? []), relative(ROOT, file)]);
  }
  return sent;
}

/**
 * Registered codes no line of our source sends by name, and why. A code the credential rewrite
 * starts sending leaves this list (the test fails until it does, so the list stays true).
 */
const NOT_SENT_BY_OUR_SOURCE: Record<string, string> = {
  GRAPHQL_PARSE_FAILED: 'Apollo Server answers a document that does not parse before our code runs',
  GRAPHQL_VALIDATION_FAILED: 'Apollo Server answers a document our validation rules (depth, aliases) refuse',
  PERSISTED_QUERY_NOT_FOUND: "Apollo Server's automatic persisted queries answer an unknown hash",
};

/**
 * Registered codes no test asserts by name, and why. Empty means every documented code is sent
 * and checked at least once.
 */
const NOT_TESTED: Record<string, string> = {
  ...NOT_SENT_BY_OUR_SOURCE,
  USER_NAME_TAKEN:
    'a race guard: the contact subgraph refuses a second contact with the same email in an organization first (contact-maintenance.test.ts asserts that refusal)',
  ORGANIZATION_CHOICE_REQUIRED:
    "the web app's session route answers it only to a client that skips the organization choice the page always makes (to add to web-session.test.ts)",
  NO_ENROLMENT: 'no test yet confirms an authenticator with no enrolment waiting (to add)',
};

const registered = Object.keys(ERROR_CODES);

it('every code the source sends is registered in @ecg/policy', () => {
  const unregistered = [...codesSentBySource()].filter(([code]) => !isErrorCode(code));
  expect(unregistered).toEqual([]);
});

it('every registered code is sent by the source, or says who sends it', () => {
  const sent = codesSentBySource();
  const silent = registered.filter((code) => !sent.has(code) && !NOT_SENT_BY_OUR_SOURCE[code]);
  expect(silent).toEqual([]);
  // And the excuses are still true: a code the source now sends leaves the list.
  expect(Object.keys(NOT_SENT_BY_OUR_SOURCE).filter((code) => sent.has(code))).toEqual([]);
});

it('a test asserts each documented code at least once, or says why it cannot', () => {
  const tests = testFiles.map((f) => readFileSync(f, 'utf8')).join('\n');
  const seen = (code: string) => new RegExp(`['"\`]${code}['"\`]`).test(tests);
  expect(registered.filter((code) => !seen(code) && !NOT_TESTED[code])).toEqual([]);
  expect(Object.keys(NOT_TESTED).filter((code) => !isErrorCode(code))).toEqual([]);
});

it('each entry says what it means, what to do, and an HTTP status', () => {
  for (const [code, entry] of Object.entries(ERROR_CODES)) {
    expect(code).toMatch(/^[A-Z][A-Z_]+$/);
    expect(entry.meaning.length).toBeGreaterThan(20);
    expect(entry.action).toMatch(/\.$/);
    expect(entry.status).toBeGreaterThanOrEqual(200);
    expect(entry.status).toBeLessThan(600);
  }
});
