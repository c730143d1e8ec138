import type { GraphQLFormattedError } from 'graphql';
import { GraphQLError } from 'graphql';

/** What a subgraph's non-200 answer means when its body says nothing usable. */
const BY_STATUS: Record<number, [code: string, message: string]> = {
  400: ['BAD_REQUEST', 'The request was refused.'],
  401: ['UNAUTHENTICATED', 'A valid access token is required.'],
  403: ['FORBIDDEN', 'You do not have permission to do this.'],
  429: ['RATE_LIMITED', 'Too many requests; try again shortly.'],
};

/**
 * A subgraph that answers a non-200 status (401 for a missing token) still says why in GraphQL
 * terms: its first error's message and code are what the client gets, nothing else. Apollo's
 * default turns it into "401: Unauthorized" with the subgraph's URL and raw answer attached.
 */
export function subgraphHttpError(status: number, body: unknown): GraphQLError {
  const first = (body as { errors?: unknown[] } | undefined)?.errors?.[0] as { message?: unknown; extensions?: { code?: unknown } } | undefined;
  const [fallbackCode, fallbackMessage] = BY_STATUS[status] ?? ['SERVICE_UNAVAILABLE', 'The service is temporarily unavailable; try again shortly.'];
  const code = typeof first?.extensions?.code === 'string' ? first.extensions.code : fallbackCode;
  const message = typeof first?.message === 'string' && typeof first?.extensions?.code === 'string' ? first.message : fallbackMessage;
  return new GraphQLError(message, { extensions: { code } });
}

// Where a subgraph is and how the gateway reached it are nobody's business but the operator's.
const INTERNAL_EXTENSIONS = ['response', 'serviceName', 'exception'];

/** The gateway's errors as clients see them: no subgraph URLs or names, and stack traces only when enabled. */
export function gatewayFormatError(exposeStackTraces: boolean) {
  return (formatted: GraphQLFormattedError): GraphQLFormattedError => {
    if (!formatted.extensions) return formatted;
    const extensions = Object.fromEntries(
      Object.entries(formatted.extensions).filter(([key]) => !INTERNAL_EXTENSIONS.includes(key) && (exposeStackTraces || key !== 'stacktrace')),
    );
    return { ...formatted, extensions };
  };
}
