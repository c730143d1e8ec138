import { createHash } from 'node:crypto';
import { z } from 'zod';
import { PRODUCTION_HASH_COST } from './passwords/password-hasher';
import { loadEnvFile, loadSubgraphConfig, parseEnv, type SubgraphConfig } from '@ecg/infrastructure';

export interface CredentialConfig extends SubgraphConfig {
  accessTokenTtlSeconds: number;
  refreshTokenTtlSeconds: number;
  /** A session family ends this long after its password step, however often it is refreshed. */
  sessionMaxLifetimeSeconds: number;
  /** The first staff login, created at start when no staff exists. */
  staff: { email: string; password: string } | null;
  /** The contact subgraph, asked (with a service token) for a contact's status and types at sign-in. */
  contactUrl: string;
  /** PKCS#8 PEM Ed25519 key; unset: a key generated once and kept in the database. */
  privateKeyPem: string | null;
  /** The organization subgraph, asked whether an organization allows sign-in from the internet. */
  organizationUrl: string;
  mail: { smtpUrl: string | null; from: string; directory: string };
  /** Where people open the links in emails (unlock, password reset). */
  publicUrl: string;
  lockout: { internetAttempts: number; internalAttempts: number; internalNetworks: string[] };
  mailDispatch: { pollMilliseconds: number; maxBackoffSeconds: number };
  /** Sign-in attempts allowed per minute, per client address and per user name. */
  loginRateLimit: { perAddress: number; perUserName: number };
  /** How long an assisted reset's one-time code works. */
  assistedResetMinutes: number;
  /** Staff logins lock after this many failures in a row, for this many minutes (soft lockout). */
  staffLockout: { attempts: number; minutes: number };
  /** Password checks in flight at once per principal (changePassword); more are refused. */
  passwordChecksPerKey: number;
  /** Password checks in flight at once per client address, which is often a whole network of people. */
  passwordChecksPerAddress: number;
  /** 32 bytes: encrypts authenticator secrets (AES-256-GCM) and keys the recovery-code hashes. */
  secondFactorKey: Buffer;
  /** WebAuthn relying party: the id (the site's host name) and the origins pages run on. */
  webauthn: { rpId: string; origins: string[] };
  /** scrypt cost (log2 N) of new password hashes; weaker stored ones are rehashed at the next sign-in. */
  passwordHashCost: number;
}

/** Used only with demonstration data, so that a newcomer can sign in as staff; never in production. */
export const DEMO_STAFF = { email: 'staff@demo.example', password: 'demo-staff-password' };

const schema = z.object({
  ACCESS_TOKEN_TTL_SECONDS: z.coerce.number().int().min(60).max(3600).default(900),
  REFRESH_TOKEN_TTL_SECONDS: z.coerce
    .number()
    .int()
    .min(300)
    .max(30 * 24 * 3600)
    .default(12 * 3600),
  SESSION_MAX_LIFETIME_SECONDS: z.coerce
    .number()
    .int()
    .min(300)
    .max(30 * 24 * 3600)
    .default(12 * 3600)
    .describe(
      'A session ends this long after its password step (its absolute lifetime), however often it is refreshed: 300 s to 30 days.',
    ),
  STAFF_EMAIL: z.string().trim().toLowerCase().email().optional(),
  STAFF_PASSWORD: z.string().min(12, 'must be at least 12 characters').optional(),
  CONTACT_URL: z.string().url().default('http://localhost:4002/graphql'),
  JWT_PRIVATE_KEY: z.string().includes('PRIVATE KEY', { message: 'must be a PKCS#8 PEM private key' }).optional(),
  ORGANIZATION_URL: z.string().url().default('http://localhost:4001/graphql'),
  SMTP_URL: z
    .string()
    .url()
    .refine((u) => /^smtps?:\/\//.test(u), 'must be an smtp:// or smtps:// URL')
    .optional(),
  MAIL_FROM: z.string().min(3).default('Employer Contacts <no-reply@employer-contacts.example>'),
  PUBLIC_URL: z.string().url().default('http://localhost:4000'),
  LOCKOUT_INTERNET_ATTEMPTS: z.coerce.number().int().min(1).max(100).default(3),
  LOCKOUT_INTERNAL_ATTEMPTS: z.coerce.number().int().min(1).max(100).default(5),
  INTERNAL_NETWORKS: z.string().default('10.0.0.0/8,172.16.0.0/12,192.168.0.0/16'),
  MAIL_POLL_MILLISECONDS: z.coerce.number().int().min(50).max(60_000).default(1000),
  MAIL_RETRY_MAX_SECONDS: z.coerce.number().int().min(1).max(3600).default(300),
  LOGIN_LIMIT_PER_ADDRESS: z.coerce.number().int().min(1).default(30),
  LOGIN_LIMIT_PER_USER: z.coerce.number().int().min(1).default(10),
  ASSISTED_RESET_MINUTES: z.coerce
    .number()
    .int()
    .min(1)
    .max(60)
    .default(15)
    .describe(
      'How long the one-time code of an assisted reset works (an administrator reads it to a person whose identity they checked).',
    ),
  // ASVS 2.2.1: at most 100 failures an hour; 10 in a row then 15 minutes is at most 40.
  STAFF_LOCKOUT_ATTEMPTS: z.coerce.number().int().min(1).max(100).default(10),
  STAFF_LOCKOUT_MINUTES: z.coerce
    .number()
    .int()
    .min(1)
    .max(24 * 60)
    .default(15),
  PASSWORD_CHECKS_PER_KEY: z.coerce.number().int().min(1).max(16).default(1),
  PASSWORD_CHECKS_PER_ADDRESS: z.coerce
    .number()
    .int()
    .min(1)
    .max(1024)
    .default(32)
    .describe(
      "changePassword: password checks at once per client address, per replica: a network's share, large enough that its people doing one thing each are never refused.",
    ),
  // Above 20 one hash needs over 1 GiB of memory.
  PASSWORD_HASH_COST: z.coerce
    .number()
    .int()
    .min(4)
    .max(20)
    .default(PRODUCTION_HASH_COST)
    .describe(
      'scrypt cost of new password hashes, as log2 N (17: 128 MiB, OWASP). Production refuses less than 17; tests and local development may use less. A weaker stored hash is rehashed at this cost at the next sign-in.',
    ),
  WEBAUTHN_RP_ID: z
    .string()
    .trim()
    .regex(/^[a-z0-9.-]+$/, 'must be a host name')
    .default('localhost'),
  WEBAUTHN_ORIGIN: z.string().default('http://localhost:4000'),
  SECOND_FACTOR_KEY: z
    .string()
    .regex(/^(?:[0-9a-fA-F]{64}|[A-Za-z0-9+/_-]{43}=?)$/, 'must be 32 bytes as 64 hex digits or base64')
    .optional(),
});

// Development only: a fixed key, so the embedded default keeps its enrolments across restarts.
// Production refuses to start without SECOND_FACTOR_KEY (a key in the source protects nothing).
const DEVELOPMENT_SECOND_FACTOR_KEY = createHash('sha256')
  .update('ecg development second-factor key: not for production')
  .digest();
const keyBytes = (value: string) =>
  /^[0-9a-fA-F]{64}$/.test(value) ? Buffer.from(value, 'hex') : Buffer.from(value, 'base64url');

export function loadCredentialConfig(env: NodeJS.ProcessEnv = process.env): CredentialConfig {
  if (env === process.env) loadEnvFile();
  const base = loadSubgraphConfig({ name: 'credential', defaultPort: 4003 }, env);
  const parsed = parseEnv(
    schema
      .refine((v) => !v.STAFF_EMAIL === !v.STAFF_PASSWORD, { message: 'set both or neither', path: ['STAFF_EMAIL'] })
      .refine((v) => !base.production || v.SECOND_FACTOR_KEY, {
        message: 'is required in production',
        path: ['SECOND_FACTOR_KEY'],
      })
      // A cheap cost is for tests and development only: in production it would make stolen hashes
      // fast to guess.
      .refine((v) => !base.production || v.PASSWORD_HASH_COST >= PRODUCTION_HASH_COST, {
        message: `must be at least ${PRODUCTION_HASH_COST} in production (scrypt N=2^${PRODUCTION_HASH_COST}); lower costs are for tests and development`,
        path: ['PASSWORD_HASH_COST'],
      }),
    env,
  );
  const staff = parsed.STAFF_EMAIL
    ? { email: parsed.STAFF_EMAIL, password: parsed.STAFF_PASSWORD! }
    : base.demoData && !base.production
      ? DEMO_STAFF
      : null;
  return {
    ...base,
    accessTokenTtlSeconds: parsed.ACCESS_TOKEN_TTL_SECONDS,
    refreshTokenTtlSeconds: parsed.REFRESH_TOKEN_TTL_SECONDS,
    sessionMaxLifetimeSeconds: parsed.SESSION_MAX_LIFETIME_SECONDS,
    staff,
    contactUrl: parsed.CONTACT_URL,
    privateKeyPem: parsed.JWT_PRIVATE_KEY?.replace(/\\n/g, '\n') ?? null,
    organizationUrl: parsed.ORGANIZATION_URL,
    mail: { smtpUrl: parsed.SMTP_URL ?? null, from: parsed.MAIL_FROM, directory: `${env.DATA_DIR ?? './data'}/mail` },
    publicUrl: parsed.PUBLIC_URL.replace(/\/$/, ''),
    lockout: {
      internetAttempts: parsed.LOCKOUT_INTERNET_ATTEMPTS,
      internalAttempts: parsed.LOCKOUT_INTERNAL_ATTEMPTS,
      internalNetworks: parsed.INTERNAL_NETWORKS.split(',')
        .map((s) => s.trim())
        .filter(Boolean),
    },
    mailDispatch: { pollMilliseconds: parsed.MAIL_POLL_MILLISECONDS, maxBackoffSeconds: parsed.MAIL_RETRY_MAX_SECONDS },
    loginRateLimit: { perAddress: parsed.LOGIN_LIMIT_PER_ADDRESS, perUserName: parsed.LOGIN_LIMIT_PER_USER },
    assistedResetMinutes: parsed.ASSISTED_RESET_MINUTES,
    staffLockout: { attempts: parsed.STAFF_LOCKOUT_ATTEMPTS, minutes: parsed.STAFF_LOCKOUT_MINUTES },
    passwordChecksPerKey: parsed.PASSWORD_CHECKS_PER_KEY,
    passwordChecksPerAddress: parsed.PASSWORD_CHECKS_PER_ADDRESS,
    passwordHashCost: parsed.PASSWORD_HASH_COST,
    webauthn: {
      rpId: parsed.WEBAUTHN_RP_ID,
      origins: parsed.WEBAUTHN_ORIGIN.split(',')
        .map((o) => o.trim().replace(/\/$/, ''))
        .filter(Boolean),
    },
    secondFactorKey: parsed.SECOND_FACTOR_KEY
      ? keyBytes(parsed.SECOND_FACTOR_KEY.replace(/\+/g, '-').replace(/\//g, '_').replace(/=$/, ''))
      : DEVELOPMENT_SECOND_FACTOR_KEY,
  };
}
