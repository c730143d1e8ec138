import type { GraphQLError, GraphQLFormattedError } from 'graphql';
import { unwrapResolverError } from '@apollo/server/errors';
import { apolloRefusal, withoutSuggestions, type Logger } from '@ecg/infrastructure';
import { appError, ErrorCode, isErrorCode, type ErrorCodeName } from '@ecg/policy';

const UNAVAILABLE_MESSAGE = 'The service is temporarily unavailable; try again shortly.';

/** What a subgraph's non-200 answer means when its body says nothing usable. */
const BY_STATUS: Record<number, [code: ErrorCodeName, message: string]> = {
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
  const first = (body as { errors?: unknown[] } | undefined)?.errors?.[0] as
    { message?: unknown; extensions?: { code?: unknown } } | undefined;
  const [fallbackCode, fallbackMessage] = BY_STATUS[status] ?? ['SERVICE_UNAVAILABLE', UNAVAILABLE_MESSAGE];
  const known = isErrorCode(first?.extensions?.code) ? first.extensions.code : undefined;
  const message = known && typeof first?.message === 'string' ? first.message : fallbackMessage;
  return appError(known ?? fallbackCode, message);
}

// Where a subgraph is and how the gateway reached it are nobody's business but the operator's.
const INTERNAL_EXTENSIONS = ['response', 'serviceName', 'exception'];

// A subgraph the gateway cannot reach: its fetch fails with one of these (undici's "fetch failed" carries the cause).
const UNREACHABLE = /fetch failed|ECONNREFUSED|ECONNRESET|ETIMEDOUT|EHOSTUNREACH|ENOTFOUND|socket hang up/i;

/**
 * The gateway's errors as clients see them: no subgraph URLs or names, and stack traces only when
 * enabled. An error without a code of its own (a subgraph out of reach, a bug) is logged here and
 * answered with a plain message: its text can name hosts and internals. In production, no
 * "Did you mean" completes a wrong name.
 */
export function gatewayFormatError(exposeStackTraces: boolean, logger: Logger, production = false) {
  return (answered: GraphQLFormattedError, error: unknown): GraphQLFormattedError => {
    // Production names nothing the caller did not (see withoutSuggestions).
    const formatted = production ? withoutSuggestions(answered) : answered;
    const refusal = apolloRefusal(formatted);
    if (refusal) return refusal;
    const extensions = Object.fromEntries(
      Object.entries(formatted.extensions ?? {}).filter(
        ([key]) => !INTERNAL_EXTENSIONS.includes(key) && (exposeStackTraces || key !== 'stacktrace'),
      ),
    );
    const code = extensions.code;
    if (code && code !== ErrorCode.INTERNAL_SERVER_ERROR) return { ...formatted, extensions };
    const original = unwrapResolverError(error) as
      { message?: string; cause?: { message?: string; code?: string } } | undefined;
    const unreachable = UNREACHABLE.test(
      `${original?.message ?? ''} ${original?.cause?.code ?? ''} ${original?.cause?.message ?? ''} ${formatted.message}`,
    );
    logger[unreachable ? 'warn' : 'error'](
      { err: original, path: formatted.path },
      unreachable ? 'subgraph unreachable' : 'unexpected error',
    );
    const { stacktrace } = extensions;
    const answer = unreachable
      ? appError('SERVICE_UNAVAILABLE', UNAVAILABLE_MESSAGE)
      : appError('INTERNAL_SERVER_ERROR', 'Internal server error', { extensions: stacktrace ? { stacktrace } : {} });
    return { ...answer.toJSON(), ...(formatted.path ? { path: formatted.path } : {}) };
  };
}
