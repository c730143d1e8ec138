import { GraphQLError, type ASTNode } from 'graphql';
import { ERROR_CODES, type ErrorCodeName } from './error-codes';

export * from './error-codes';

/** The argument or input path, as the client sent it (`pageSize`, `input.lastName`), and what is wrong with it. */
export interface InvalidField {
  field: string;
  message: string;
}

/** What an error may carry beside its code: the extensions documented in the registry. */
export interface AppErrorDetails {
  /** Each offending field (BAD_USER_INPUT, and a wrong code or current password): clients show each beside its field. */
  invalidFields?: InvalidField[];
  /** RATE_LIMITED: when the client may try again. */
  retryAfterSeconds?: number;
  /** CONFLICT: the version saved now. */
  currentVersion?: number;
  /** Further documented extensions (`cost`, `maxCost`). */
  extensions?: Record<string, unknown>;
  /** Set the HTTP status of the answer from the registry (a token check that refuses the whole request). */
  httpStatus?: boolean;
  /** Where in the document (a validation rule's error). */
  nodes?: ASTNode | readonly ASTNode[];
  /** The error this one explains, kept for logs; never sent. */
  cause?: unknown;
}

/**
 * The one way to build an error a client sees: a registered code, a message for people (the
 * registry's action when none is given), and only the extensions the registry documents.
 */
export function appError(code: ErrorCodeName, message?: string, details: AppErrorDetails = {}): GraphQLError {
  const { invalidFields, retryAfterSeconds, currentVersion, extensions, httpStatus, nodes, cause } = details;
  return new GraphQLError(message ?? ERROR_CODES[code].action, {
    nodes,
    originalError: cause instanceof Error ? cause : undefined,
    extensions: {
      code,
      ...(invalidFields ? { invalidFields } : {}),
      ...(retryAfterSeconds !== undefined ? { retryAfterSeconds } : {}),
      ...(currentVersion !== undefined ? { currentVersion } : {}),
      ...extensions,
      ...(httpStatus ? { http: { status: ERROR_CODES[code].status } } : {}),
    },
  });
}

/** BAD_USER_INPUT with every offending field, so a client can show each message beside its field. */
export function badUserInput(invalidFields: InvalidField[]): GraphQLError {
  const summary = invalidFields.map((f) => `${f.field}: ${f.message}`).join('; ');
  return appError('BAD_USER_INPUT', `Invalid input: ${summary}`, { invalidFields });
}

/** NOT_FOUND for a thing by its name: `notFound('Contact')` says "Contact not found". */
export const notFound = (what: string): GraphQLError => appError('NOT_FOUND', `${what} not found`);

/** The JSON body of a plain HTTP answer (a refused body, a download route) in GraphQL's error shape. */
export function appErrorBody(code: ErrorCodeName, message?: string, details?: AppErrorDetails) {
  const { message: text, extensions } = appError(code, message, details).toJSON();
  return { errors: [{ message: text, extensions }] };
}
