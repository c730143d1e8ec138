import { GraphQLError, type GraphQLFormattedError } from 'graphql';
import { unwrapResolverError } from '@apollo/server/errors';
import { QueryFailedError } from 'typeorm';
import type { Logger } from './logger';
import { appError, ErrorCode } from '@ecg/policy';

/**
 * Errors a client may see: those we raised on purpose keep their code and message; anything else
 * (a database failure, a bug) is logged here and reaches the client as a plain code, no internals.
 */
export function formatError(logger: Logger, exposeStackTraces = false) {
  return (formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError => {
    const code = formatted.extensions?.code as string | undefined;
    const original = unwrapResolverError(error);
    // Errors raised on purpose are answers, not bugs: no stack trace, in development either
    // (a trace would tell "unknown user" from "wrong password" by its line numbers).
    if (code && code !== ErrorCode.INTERNAL_SERVER_ERROR) return withoutStack(formatted);
    const argument = refusedArgument(original);
    if (argument) {
      const refused = appError('BAD_USER_INPUT', formatted.message, {
        invalidFields: [{ field: argument, message: formatted.message }],
      });
      return { ...refused.toJSON(), path: formatted.path };
    }
    if (isDatabaseUnavailable(original)) {
      logger.warn({ err: original }, 'database unavailable');
      const unavailable = appError('SERVICE_UNAVAILABLE', 'The service is temporarily unavailable; try again shortly.');
      return { ...unavailable.toJSON(), path: formatted.path };
    }
    logger.error({ err: original, path: formatted.path }, 'unexpected error');
    // Only an operator who asked for them (EXPOSE_STACK_TRACES=true) sees where a bug is.
    const stacktrace = exposeStackTraces ? formatted.extensions?.stacktrace : undefined;
    const internal = appError('INTERNAL_SERVER_ERROR', 'Internal server error', {
      extensions: stacktrace ? { stacktrace } : {},
    });
    return { ...internal.toJSON(), path: formatted.path };
  };
}

function withoutStack(formatted: GraphQLFormattedError): GraphQLFormattedError {
  const { stacktrace: _omit, ...extensions } = formatted.extensions ?? {};
  return { ...formatted, extensions };
}

/**
 * graphql-js refuses some argument values only while executing, with no code: an explicit null
 * for a non-null argument that has a default (`contacts(sort: $sort)` with `$sort: null`) passes
 * validation at the gateway and is refused here. That is the caller's input, not a bug.
 */
function refusedArgument(error: unknown): string | undefined {
  if (!(error instanceof GraphQLError) || error.extensions?.code || error.originalError) return undefined;
  return /^Argument "([^"]+)" (?:of (?:non-null|required) type|has invalid value)/.exec(error.message)?.[1];
}

const UNAVAILABLE = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'PROTOCOL_CONNECTION_LOST',
  'EPIPE',
  'ENOTFOUND',
]);

function isDatabaseUnavailable(error: unknown): boolean {
  const code = (error as { code?: string } | undefined)?.code;
  if (code && UNAVAILABLE.has(code)) return true;
  const driverCode = error instanceof QueryFailedError ? (error.driverError as { code?: string })?.code : undefined;
  return !!driverCode && UNAVAILABLE.has(driverCode);
}
