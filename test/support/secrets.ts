import { appendFileSync, existsSync, mkdirSync, readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { Kind, parse, visit, type ValueNode } from 'graphql';

/**
 * Every secret the suite handles (passwords sent, temporary passwords and links mailed, access and
 * refresh tokens issued), one JSON line each: test/log-audit.test.ts searches the suite's log for
 * each literal value. Emptied by test/support/global-setup.js at the start of a run.
 */
export const SECRETS_FILE = resolve(__dirname, '../../test-output/secrets.jsonl');

export type SecretKind =
  | 'password'
  | 'temporary password'
  | 'link token'
  | 'access token'
  | 'refresh token'
  | 'totp secret'
  | 'authenticator code'
  | 'recovery code'
  | 'second factor challenge'
  | 'provisioning token'
  | 'assisted reset code';
export interface Secret {
  kind: SecretKind;
  value: string;
}

const written = new Set<string>();

export function collectSecret(kind: SecretKind, value: unknown): void {
  // Too short or blank to be told apart from ordinary log text: the policy refuses them anyway.
  // Authenticator codes are six digits: kept, and searched only where a log would quote them (secretsIn).
  const shortest = kind === 'authenticator code' ? 6 : 8;
  if (typeof value !== 'string' || value.trim().length < shortest || written.has(value)) return;
  written.add(value);
  mkdirSync(dirname(SECRETS_FILE), { recursive: true });
  appendFileSync(SECRETS_FILE, `${JSON.stringify({ kind, value })}\n`);
}

export function readSecrets(): Secret[] {
  if (!existsSync(SECRETS_FILE)) return [];
  return readFileSync(SECRETS_FILE, 'utf8')
    .split('\n')
    .filter(Boolean)
    .map((line) => JSON.parse(line) as Secret);
}

// Arguments that carry a password the caller chose or typed; link tokens and refresh tokens are
// collected where they are issued (the mail, the answer), not where tests send made-up ones.
const PASSWORD_ARGUMENTS = new Set(['password', 'currentPassword', 'newPassword']);
const MAY_CARRY_PASSWORDS =
  /\b(login|changePassword|resetPassword|completeAssistedReset|verifySecondFactor|confirmTotpEnrolment|startTotpEnrolment|regenerateRecoveryCodes)\s*\(/;
// Where the second-factor codes a person typed are sent.
// Replacing an authenticator or renewing recovery codes takes a current code or a recovery code too.
const SECOND_FACTOR_FIELDS = new Set([
  'verifySecondFactor',
  'confirmTotpEnrolment',
  'startTotpEnrolment',
  'regenerateRecoveryCodes',
]);

/** The passwords a GraphQL request sends, as variables or inline strings. */
export function collectRequestSecrets(document: string, variables: Record<string, unknown> = {}): void {
  if (!MAY_CARRY_PASSWORDS.test(document)) return;
  let ast;
  try {
    ast = parse(document);
  } catch {
    return;
  }
  const valueOf = (node: ValueNode) =>
    node.kind === Kind.VARIABLE ? variables[node.name.value] : node.kind === Kind.STRING ? node.value : undefined;
  visit(ast, {
    Field(field) {
      for (const node of field.arguments ?? []) {
        if (PASSWORD_ARGUMENTS.has(node.name.value)) collectSecret('password', valueOf(node.value));
        if (field.name.value === 'completeAssistedReset' && node.name.value === 'code')
          collectAssistedResetCode(valueOf(node.value));
        if (!SECOND_FACTOR_FIELDS.has(field.name.value)) continue;
        if (node.name.value === 'code' || node.name.value === 'currentCode')
          collectSecret('authenticator code', valueOf(node.value));
        if (node.name.value === 'recoveryCode') collectRecoveryCode(valueOf(node.value));
      }
    },
  });
}

/** The tokens an answer issues, wherever they are in it. */
export function collectResponseSecrets(data: unknown): void {
  if (!data || typeof data !== 'object') return;
  for (const [key, value] of Object.entries(data)) {
    if (key === 'accessToken') collectSecret('access token', value);
    else if (key === 'refreshToken' && typeof value === 'string') collectSecret('refresh token', value);
    else if (key === 'secret' && typeof value === 'string') collectSecret('totp secret', value);
    else if (key === 'secondFactorChallenge' || key === 'secondFactorEnrolmentChallenge')
      collectSecret('second factor challenge', value);
    else if (key === 'codes' && Array.isArray(value)) value.forEach(collectRecoveryCode);
    else if (key === 'startAssistedReset' && value && typeof value === 'object')
      collectAssistedResetCode((value as { code?: unknown }).code);
    else if (key === 'createProvisioningToken' && value && typeof value === 'object')
      collectSecret('provisioning token', (value as { token?: unknown }).token);
    else collectResponseSecrets(value);
  }
}

/** A recovery code as shown and as it may be typed (without its dash). */
function collectRecoveryCode(value: unknown): void {
  collectSecret('recovery code', value);
  if (typeof value === 'string') collectSecret('recovery code', value.replace(/-/g, ''));
}

/** An assisted reset's code as shown (grouped) and as it may be typed (without its dashes). */
export function collectAssistedResetCode(value: unknown): void {
  collectSecret('assisted reset code', value);
  if (typeof value === 'string') collectSecret('assisted reset code', value.replace(/[\s-]/g, ''));
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
  return secrets.filter(({ kind, value }) => {
    // Six digits occur by chance (times, counts): a code is found where a log would quote or assign it.
    if (kind === 'authenticator code')
      return [`"${value}"`, `'${value}'`, `=${value}`, `: ${value}`].some((form) => logs.includes(form));
    const jwt = /^[\w-]+\.[\w-]+\.([\w-]+)$/.exec(value);
    if (jwt) return runs.has(jwt[1]) || logs.includes(value);
    return /^[\w-]+$/.test(value) ? runs.has(value) : logs.includes(value);
  });
}
