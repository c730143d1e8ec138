import { DEFAULT_JWKS_URL } from '@ecg/policy';
import { z } from 'zod';
import { isTimeZone } from './display-time';
import { flag, loadEnvFile, parseEnv, port } from './env';
import { loadEdgeSettings, type EdgeSettings } from '../server/edge-settings';

/** Who a subgraph is: its name (logs, `/health`, `<NAME>_PORT`, `<NAME>_DATABASE_URL`) and its usual port. */
export interface SubgraphIdentity {
  name: string;
  defaultPort: number;
}

export type DatabaseConfig = { kind: 'mysql'; url: string; database: string } | { kind: 'sqlite'; file: string };

export interface SubgraphConfig {
  name: string;
  host: string;
  port: number;
  database: DatabaseConfig;
  /** Load the demonstration organizations and contacts into an empty database. */
  demoData: boolean;
  production: boolean;
  logLevel: string;
  /** A file to append logs to instead of standard output. */
  logDestination?: string;
  auth: AuthConfig;
  /** Addresses whose X-Forwarded-For is believed (the gateway): express's `trust proxy`. */
  trustedProxies: string[];
  /** DISPLAY_TIME_ZONE: the IANA zone every time shown to people is written in (mails and screens). */
  displayTimeZone: string;
  /** Stack traces, the query cost ceiling, IPv6 rate-limit networks (EXPOSE_STACK_TRACES, QUERY_MAX_COST, RATE_LIMIT_IPV6_PREFIX). */
  edge: EdgeSettings;
}

export interface AuthConfig {
  /** Where the credential subgraph publishes its public keys. */
  jwksUrl: string;
  issuer: string;
  audience: string;
  /** How often to fetch the revocation list (seconds, at most 10); unset: as often as the credential subgraph says. */
  revocationPollSeconds?: number;
}

const mysqlUrl = z
  .string()
  .url()
  .refine((u) => /^mysql:\/\//.test(u), 'must be a mysql:// URL');

// Each setting's `.describe()` text is its documentation: `npm run docs` writes docs/configuration.md
// and .env.example from these schemas.
export const subgraphEnv = z.object({
  NODE_ENV: z
    .string()
    .default('development')
    .describe('`production`: no GraphiQL, no introspection, no stack traces, no demo data, demo staff login disabled.'),
  // Subgraphs answer the gateway, not the world: this machine only unless a deployment says otherwise
  // (containers set HOST=0.0.0.0 and keep the subgraphs on a private network).
  HOST: z
    .string()
    .default('127.0.0.1')
    .describe('Interface the service listens on. Subgraphs answer the gateway only; containers set `0.0.0.0`.'),
  DISPLAY_TIME_ZONE: z
    .string()
    .default('UTC')
    .refine(isTimeZone, 'must be an IANA time zone name, such as UTC or Europe/London')
    .describe(
      'The IANA time zone every time shown to people is written in, named ("14:05 UTC"): in the mails and, served to it, in the web app, so both agree. UTC by default: the zone the mails always used, with no daylight-saving jumps; set the zone your employers work in (e.g. `Europe/London`, `America/Los_Angeles`).',
    ),
  LOG_LEVEL: z
    .enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'])
    .default('info')
    .describe('pino level: fatal, error, warn, info, debug, trace or silent (the tests use silent).'),
  LOG_DESTINATION: z.string().optional().describe('A file to append the logs to instead of standard output.'),
  DATA_DIR: z
    .string()
    .default('./data')
    .describe('Where the embedded SQLite files (and, without SMTP, the mail) live.'),
  DATABASE_URL: mysqlUrl
    .optional()
    .describe(
      'MySQL 8 / MariaDB 10.11 server and database-name prefix, `mysql://user:pass@host:3306/prefix`: each subgraph uses `<prefix>_<subgraph>`, created and migrated at start. Unset: SQLite under `DATA_DIR`.',
    ),
  DEMO_DATA: z
    .string()
    .optional()
    .describe(
      "Load the seeds' organizations and contacts into an empty database. Default: `true`, `false` in production.",
    ),
  JWKS_URL: z
    .string()
    .url()
    .default(DEFAULT_JWKS_URL)
    .describe('Where the token verifiers fetch the public keys of access tokens.'),
  JWT_ISSUER: z.string().min(1).default('urn:employer-contacts-gateway').describe('What tokens must say as issuer.'),
  JWT_AUDIENCE: z.string().min(1).default('employer-contacts-gateway').describe('What tokens must say as audience.'),
  TRUSTED_PROXIES: z
    .string()
    .default('loopback')
    .describe(
      'Addresses whose `X-Forwarded-For` a service believes (for a subgraph: the gateway), express "trust proxy" syntax.',
    ),
  REVOCATION_POLL_SECONDS: z.coerce
    .number()
    .int()
    .min(1)
    .max(10)
    .optional()
    .describe(
      'Seconds between fetches of the list of ended sessions, 1-10 (default 10). Set on the credential subgraph, the list tells every verifier; set on another subgraph, it wins there. An ended session is refused by mutations at once and by reads within this interval.',
    ),
});

export const csv = (value: string) =>
  value
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);

/** `CONTACT` for `contact`: the prefix of the subgraph's own variables. */
const envPrefix = (name: string) => name.toUpperCase().replace(/[^A-Z0-9]/g, '_');

/** Every subgraph's variables plus its own two, `<NAME>_PORT` and `<NAME>_DATABASE_URL`: checked together. */
function parseSettings(identity: SubgraphIdentity, env: NodeJS.ProcessEnv) {
  const prefix = envPrefix(identity.name);
  const schema = subgraphEnv.extend({
    [`${prefix}_PORT`]: port(identity.defaultPort).describe(`The ${identity.name} subgraph's port.`),
    [`${prefix}_DATABASE_URL`]: mysqlUrl
      .optional()
      .describe(`The ${identity.name} subgraph's own database and user (wins over \`DATABASE_URL\`).`),
  });
  const parsed = parseEnv(schema, env) as z.infer<typeof subgraphEnv> & Record<string, unknown>;
  return {
    ...parsed,
    port: parsed[`${prefix}_PORT`] as number,
    ownDatabaseUrl: parsed[`${prefix}_DATABASE_URL`] as string | undefined,
  };
}

/**
 * Each subgraph owns its own database. `<NAME>_DATABASE_URL` names it exactly (a deployment with
 * one least-privileged user per subgraph); otherwise `DATABASE_URL` names a server and a prefix,
 * and the subgraph uses `<prefix>_<name>`. With neither, an SQLite file under `DATA_DIR`.
 */
export function databaseFor(
  name: string,
  own: string | undefined,
  env: Pick<z.infer<typeof subgraphEnv>, 'DATABASE_URL' | 'DATA_DIR'>,
): DatabaseConfig {
  if (own) return { kind: 'mysql', url: own, database: databaseName(own, name) };
  if (env.DATABASE_URL) {
    const prefix = databaseName(env.DATABASE_URL, 'ecg');
    const url = new URL(env.DATABASE_URL);
    url.pathname = `/${prefix}_${name}`;
    return { kind: 'mysql', url: url.toString(), database: `${prefix}_${name}` };
  }
  return { kind: 'sqlite', file: `${env.DATA_DIR}/${name}.sqlite` };
}

function databaseName(url: string, fallback: string): string {
  const name = decodeURIComponent(new URL(url).pathname.replace(/^\//, ''));
  if (!name) return fallback;
  if (!/^[A-Za-z0-9_]{1,54}$/.test(name))
    throw new Error(`Invalid configuration:\n  database name "${name}": letters, digits and _ only`);
  return name;
}

/** The settings every subgraph shares, read once from the environment (`.env` too) and checked. */
export function loadSubgraphConfig(identity: SubgraphIdentity, env: NodeJS.ProcessEnv = process.env): SubgraphConfig {
  if (env === process.env) loadEnvFile();
  const parsed = parseSettings(identity, env);
  const production = parsed.NODE_ENV === 'production';
  return {
    name: identity.name,
    host: parsed.HOST,
    port: parsed.port,
    database: databaseFor(identity.name, parsed.ownDatabaseUrl, parsed),
    demoData: flag('DEMO_DATA', parsed.DEMO_DATA, !production),
    production,
    logLevel: parsed.LOG_LEVEL,
    displayTimeZone: parsed.DISPLAY_TIME_ZONE,
    logDestination: parsed.LOG_DESTINATION,
    auth: {
      jwksUrl: parsed.JWKS_URL,
      issuer: parsed.JWT_ISSUER,
      audience: parsed.JWT_AUDIENCE,
      revocationPollSeconds: parsed.REVOCATION_POLL_SECONDS,
    },
    trustedProxies: csv(parsed.TRUSTED_PROXIES),
    edge: loadEdgeSettings(env),
  };
}
