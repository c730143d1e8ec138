import { GraphQLError, type GraphQLFormattedError } from 'graphql';
import { unwrapResolverError } from '@apollo/server/errors';
import { QueryFailedError } from 'typeorm';
import type { Logger } from './logger';
import { appError, ErrorCode } from '@ecg/policy';

/**
 * Errors a client may see: those we raised on purpose keep their code and message; anything else
 * (a database failure, a bug) is logged here and reaches the client as a plain code, no internals.
 */
export function formatError(logger: Logger, exposeStackTraces = false, production = false) {
  return (answered: GraphQLFormattedError, error: unknown): GraphQLFormattedError => {
    const formatted = production ? withoutSuggestions(answered) : answered;
    const refusal = apolloRefusal(formatted);
    if (refusal) return refusal;
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

/**
 * graphql-js completes a wrong name with the right ones ("Value "ACTIV" does not exist in
 * "ContactStatus" enum. Did you mean the enum value "ACTIVE"?", for literals while validating and
 * for variables while coercing them; "Did you mean "name"?" for fields and arguments): a map of the
 * schema for whoever probes it, which production does not publish (no introspection either).
 * Every such sentence ends with its question mark and quotes names, which never contain one.
 */
export function withoutSuggestions(formatted: GraphQLFormattedError): GraphQLFormattedError {
  if (!DID_YOU_MEAN.test(formatted.message)) return formatted;
  return { ...formatted, message: formatted.message.replace(DID_YOU_MEAN_ALL, '').trim() };
}
const DID_YOU_MEAN = / ?Did you mean [^?]*\?/;
const DID_YOU_MEAN_ALL = new RegExp(DID_YOU_MEAN.source, 'g');

/**
 * Apollo Server refuses some requests itself with no code, which would read as a bug of ours
 * (INTERNAL_SERVER_ERROR, logged as unexpected). A client's mistake gets a code of its own; the
 * HTTP status (400) is Apollo's and stays.
 */
export function apolloRefusal(formatted: GraphQLFormattedError): GraphQLFormattedError | undefined {
  // An automatic persisted query whose sha256Hash is not the hash of the query sent with it.
  if (formatted.message === 'provided sha does not match query')
    return appError(
      'PERSISTED_QUERY_HASH_MISMATCH',
      'The persisted query hash does not match the query: send the SHA-256 (hex) of the query text.',
    ).toJSON();
  return undefined;
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
