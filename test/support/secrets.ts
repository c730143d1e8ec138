import { appendFileSync, existsSync, mkdirSync, readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { Kind, parse, visit, type ValueNode } from 'graphql';

/**
 * Every secret the suite handles (passwords sent, temporary passwords and links mailed, access and
 * refresh tokens issued), one JSON line each: test/log-audit.test.ts searches the suite's log for
 * each literal value. Emptied by test/support/global-setup.js at the start of a run.
 */
export const SECRETS_FILE = resolve(__dirname, '../../test-output/secrets.jsonl');

export type SecretKind = 'password' | 'temporary password' | 'link token' | 'access token' | 'refresh token';
export interface Secret {
  kind: SecretKind;
  value: string;
}

const written = new Set<string>();

export function collectSecret(kind: SecretKind, value: unknown): void {
  // Too short or blank to be told apart from ordinary log text: the policy refuses them anyway.
  if (typeof value !== 'string' || value.trim().length < 8 || written.has(value)) return;
  written.add(value);
  mkdirSync(dirname(SECRETS_FILE), { recursive: true });
  appendFileSync(SECRETS_FILE, `${JSON.stringify({ kind, value })}\n`);
}

export function readSecrets(): Secret[] {
  if (!existsSync(SECRETS_FILE)) return [];
  return readFileSync(SECRETS_FILE, 'utf8').split('\n').filter(Boolean).map((line) => JSON.parse(line) as Secret);
}

// Arguments that carry a password the caller chose or typed; link tokens and refresh tokens are
// collected where they are issued (the mail, the answer), not where tests send made-up ones.
const PASSWORD_ARGUMENTS = new Set(['password', 'currentPassword', 'newPassword']);
const MAY_CARRY_PASSWORDS = /\b(login|changePassword|resetPassword)\s*\(/;

/** The passwords a GraphQL request sends, as variables or inline strings. */
export function collectRequestSecrets(document: string, variables: Record<string, unknown> = {}): void {
  if (!MAY_CARRY_PASSWORDS.test(document)) return;
  let ast;
  try {
    ast = parse(document);
  } catch {
    return;
  }
  const valueOf = (node: ValueNode) => (node.kind === Kind.VARIABLE ? variables[node.name.value] : node.kind === Kind.STRING ? node.value : undefined);
  visit(ast, {
    Argument(node) {
      if (PASSWORD_ARGUMENTS.has(node.name.value)) collectSecret('password', valueOf(node.value));
    },
  });
}

/** The tokens an answer issues, wherever they are in it. */
export function collectResponseSecrets(data: unknown): void {
  if (!data || typeof data !== 'object') return;
  for (const [key, value] of Object.entries(data)) {
    if (key === 'accessToken') collectSecret('access token', value);
    else if (key === 'refreshToken' && typeof value === 'string') collectSecret('refresh token', value);
    else collectResponseSecrets(value);
  }
}

/** What a mail carries: a temporary password, a one-time link. */
export function collectMailSecrets(text: string): void {
  for (const [, password] of text.matchAll(/Temporary password: (\S+)/g)) collectSecret('temporary password', password);
  for (const [, token] of text.matchAll(/token=([\w-]+)/g)) collectSecret('link token', token);
}

/**
 * The secrets whose literal value is in `logs`. Token-like values (letters, digits, - and _) are
 * looked up among the log's own runs of such characters, at once for thousands of them; a JWT by
 * its signature, which is one such run; anything else (passphrases with spaces) by a plain search.
 */
export function secretsIn(logs: string, secrets: Secret[]): Secret[] {
  const runs = new Set(logs.match(/[\w-]{8,}/g) ?? []);
  return secrets.filter(({ value }) => {
    const jwt = /^[\w-]+\.[\w-]+\.([\w-]+)$/.exec(value);
    if (jwt) return runs.has(jwt[1]) || logs.includes(value);
    return /^[\w-]+$/.test(value) ? runs.has(value) : logs.includes(value);
  });
}
