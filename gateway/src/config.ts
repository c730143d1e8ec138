import { resolve } from 'node:path';
import { z } from 'zod';
import {
  csv,
  flag,
  loadEdgeSettings,
  subgraphEnv,
  loadEnvFile,
  parseEnv,
  port,
  type EdgeSettings,
} from '@ecg/infrastructure';

export interface GatewayConfig {
  host: string;
  port: number;
  supergraphPath: string;
  /** Where each subgraph answers; overrides the URLs written in the supergraph. */
  subgraphUrls: Record<string, string>;
  graphiql: boolean;
  production: boolean;
  logLevel: string;
  logDestination?: string;
  /** Browser origins allowed to call the gateway (CORS); empty: none. */
  corsOrigins: string[];
  /** Proxies in front of the gateway whose X-Forwarded-For it believes (express `trust proxy`). */
  trustedProxies: string[];
  auth: { jwksUrl: string; issuer: string; audience: string };
  /** Stack traces, the query cost ceiling (EXPOSE_STACK_TRACES, QUERY_MAX_COST). */
  edge: EdgeSettings;
  /** The web app signs a person out after this long without a keystroke or click (it warns first). */
  sessionIdleTimeoutSeconds: number;
}

const url = (fallback: string, name: string) =>
  z
    .string()
    .url()
    .default(fallback)
    .describe(`Where the gateway reaches the ${name} subgraph (wins over the URL written in the supergraph).`);

// Each setting's `.describe()` text is its documentation (`npm run docs`); those the subgraphs share
// (NODE_ENV, LOG_LEVEL, JWT_*) say the same there.
const schema = z.object({
  NODE_ENV: subgraphEnv.shape.NODE_ENV,
  HOST: z.string().default('0.0.0.0').describe('Interface the gateway listens on.'),
  PORT: port(4000).describe('The gateway port: GraphQL at /graphql, GraphiQL for a browser, the web app at /.'),
  LOG_LEVEL: subgraphEnv.shape.LOG_LEVEL,
  SUPERGRAPH_PATH: z
    .string()
    .default(resolve(__dirname, '../../schema/supergraph.graphql'))
    .describe('The composed supergraph the gateway serves.'),
  ORGANIZATION_URL: url('http://localhost:4001/graphql', 'organization'),
  CONTACT_URL: url('http://localhost:4002/graphql', 'contact'),
  CREDENTIAL_URL: url('http://localhost:4003/graphql', 'credential'),
  GRAPHIQL: z.string().optional().describe('Serve GraphiQL to browsers. Default: `true`, `false` in production.'),
  LOG_DESTINATION: subgraphEnv.shape.LOG_DESTINATION,
  TRUSTED_PROXIES: z
    .string()
    .default('loopback')
    .describe('Proxies in front of the gateway whose `X-Forwarded-For` it believes, express "trust proxy" syntax.'),
  CORS_ORIGINS: z
    .string()
    .default('')
    .describe('Browser origins (SPAs) allowed to call the gateway, comma-separated. Empty: none.'),
  JWKS_URL: z
    .string()
    .url()
    .optional()
    .describe('Where the gateway fetches the token keys. Default: `/.well-known/jwks.json` on `CREDENTIAL_URL`.'),
  JWT_ISSUER: subgraphEnv.shape.JWT_ISSUER,
  JWT_AUDIENCE: subgraphEnv.shape.JWT_AUDIENCE,
  SESSION_IDLE_TIMEOUT_SECONDS: z.coerce
    .number()
    .int()
    .min(20)
    .max(24 * 3600)
    .default(1800)
    .describe(
      'The web app signs a person out after this long without a keystroke, click or touch in any of its tabs, and warns 2 minutes before (half the time when shorter, for tests). It ends the session (as Sign out does); the refresh token lifetime and SESSION_MAX_LIFETIME_SECONDS still bound it.',
    ),
});

export function loadGatewayConfig(env: NodeJS.ProcessEnv = process.env): GatewayConfig {
  if (env === process.env) loadEnvFile();
  const parsed = parseEnv(schema, env);
  const production = parsed.NODE_ENV === 'production';
  return {
    host: parsed.HOST,
    port: parsed.PORT,
    supergraphPath: parsed.SUPERGRAPH_PATH,
    subgraphUrls: {
      organization: parsed.ORGANIZATION_URL,
      contact: parsed.CONTACT_URL,
      credential: parsed.CREDENTIAL_URL,
    },
    graphiql: flag('GRAPHIQL', parsed.GRAPHIQL, !production),
    production,
    logLevel: parsed.LOG_LEVEL,
    logDestination: parsed.LOG_DESTINATION,
    trustedProxies: csv(parsed.TRUSTED_PROXIES),
    corsOrigins: csv(parsed.CORS_ORIGINS),
    auth: {
      jwksUrl: parsed.JWKS_URL ?? new URL('/.well-known/jwks.json', parsed.CREDENTIAL_URL).toString(),
      issuer: parsed.JWT_ISSUER,
      audience: parsed.JWT_AUDIENCE,
    },
    edge: loadEdgeSettings(env),
    sessionIdleTimeoutSeconds: parsed.SESSION_IDLE_TIMEOUT_SECONDS,
  };
}
