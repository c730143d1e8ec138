import { resolve } from 'node:path';
import { z } from 'zod';
import { bool, csv, loadEdgeSettings, loadEnvFile, parseEnv, port, type EdgeSettings } from '@ecg/infrastructure';

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
}

const url = (fallback: string) => z.string().url().default(fallback);

const schema = z.object({
  NODE_ENV: z.string().default('development'),
  HOST: z.string().default('0.0.0.0'),
  PORT: port(4000),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  SUPERGRAPH_PATH: z.string().default(resolve(__dirname, '../../schema/supergraph.graphql')),
  ORGANIZATION_URL: url('http://localhost:4001/graphql'),
  CONTACT_URL: url('http://localhost:4002/graphql'),
  CREDENTIAL_URL: url('http://localhost:4003/graphql'),
  GRAPHIQL: z.string().optional(),
  LOG_DESTINATION: z.string().optional(),
  TRUSTED_PROXIES: z.string().default('loopback'),
  CORS_ORIGINS: z.string().default(''),
  JWKS_URL: z.string().url().optional(),
  JWT_ISSUER: z.string().min(1).default('urn:employer-contacts-gateway'),
  JWT_AUDIENCE: z.string().min(1).default('employer-contacts-gateway'),
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
    graphiql: parseEnv(z.object({ v: bool(!production) }), { v: parsed.GRAPHIQL }).v,
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
  };
}
