import { z } from 'zod';
import { loadEnvFile, loadSubgraphConfig, parseEnv, type SubgraphConfig } from '@ecg/shared';

export interface CredentialConfig extends SubgraphConfig {
  accessTokenTtlSeconds: number;
  refreshTokenTtlSeconds: number;
  /** The first staff login, created at start when no staff exists. */
  staff: { email: string; password: string } | null;
  /** The contact subgraph, asked (with a service token) for a contact's status and types at sign-in. */
  contactUrl: string;
  /** PKCS#8 PEM Ed25519 key; unset: a key generated once and kept in the database. */
  privateKeyPem: string | null;
}

/** Used only with demonstration data, so that a newcomer can sign in as staff; never in production. */
export const DEMO_STAFF = { email: 'staff@demo.example', password: 'demo-staff-password' };

const schema = z.object({
  ACCESS_TOKEN_TTL_SECONDS: z.coerce.number().int().min(60).max(3600).default(900),
  REFRESH_TOKEN_TTL_SECONDS: z.coerce.number().int().min(300).max(30 * 24 * 3600).default(12 * 3600),
  STAFF_EMAIL: z.string().trim().toLowerCase().email().optional(),
  STAFF_PASSWORD: z.string().min(12, 'must be at least 12 characters').optional(),
  CONTACT_URL: z.string().url().default('http://localhost:4002/graphql'),
  JWT_PRIVATE_KEY: z.string().includes('PRIVATE KEY', { message: 'must be a PKCS#8 PEM private key' }).optional(),
});

export function loadCredentialConfig(env: NodeJS.ProcessEnv = process.env): CredentialConfig {
  if (env === process.env) loadEnvFile();
  const base = loadSubgraphConfig('credential', env);
  const parsed = parseEnv(schema.refine((v) => !v.STAFF_EMAIL === !v.STAFF_PASSWORD, { message: 'set both or neither', path: ['STAFF_EMAIL'] }), env);
  const staff = parsed.STAFF_EMAIL ? { email: parsed.STAFF_EMAIL, password: parsed.STAFF_PASSWORD! } : base.demoData && !base.production ? DEMO_STAFF : null;
  return {
    ...base,
    accessTokenTtlSeconds: parsed.ACCESS_TOKEN_TTL_SECONDS,
    refreshTokenTtlSeconds: parsed.REFRESH_TOKEN_TTL_SECONDS,
    staff,
    contactUrl: parsed.CONTACT_URL,
    privateKeyPem: parsed.JWT_PRIVATE_KEY?.replace(/\\n/g, '\n') ?? null,
  };
}
