import { z } from 'zod';
import { bool, parseEnv } from '../config/env';

/** What the gateway and every subgraph do with what callers send them. */
export interface EdgeSettings {
  /**
   * Stack traces in error answers. Off in every mode unless an operator turns them on: a trace
   * names files, versions and code paths, and even in development it tells one refusal from another.
   */
  exposeStackTraces: boolean;
  /** The most a document may cost (see `graphql/query-cost.ts`); more is QUERY_TOO_COSTLY. */
  maxQueryCost: number;
  /** IPv6 clients share a rate-limit bucket per network of this prefix length (one subscriber gets a /64). */
  rateLimitIpv6PrefixLength: number;
}

export const DEFAULT_MAX_QUERY_COST = 50_000;

const edgeEnv = z.object({
  EXPOSE_STACK_TRACES: bool(false).describe(
    '`true`: unexpected errors carry `extensions.stacktrace`. Off in every mode, development included; for debugging only.',
  ),
  QUERY_MAX_COST: z.coerce
    .number()
    .int()
    .min(1)
    .default(DEFAULT_MAX_QUERY_COST)
    .describe(
      'The most a GraphQL operation may cost: every field counts once per item of the pages around it (`contacts(pageSize: 100) { items { fullName } }` costs about 100). More: QUERY_TOO_COSTLY.',
    ),
  RATE_LIMIT_IPV6_PREFIX: z.coerce
    .number()
    .int()
    .min(1)
    .max(128)
    .default(64)
    .describe('IPv6 clients share a rate-limit bucket per network of this prefix length (IPv4: per address).'),
});

export function loadEdgeSettings(env: NodeJS.ProcessEnv): EdgeSettings {
  const parsed = parseEnv(edgeEnv, env);
  return {
    exposeStackTraces: parsed.EXPOSE_STACK_TRACES,
    maxQueryCost: parsed.QUERY_MAX_COST,
    rateLimitIpv6PrefixLength: parsed.RATE_LIMIT_IPV6_PREFIX,
  };
}
