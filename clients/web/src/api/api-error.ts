import { ERROR_ACTIONS, type ErrorCode } from './error-codes.generated';

/** One GraphQL error as the API sends it (DESIGN.md section 4: `extensions.code`, and the offending fields). */
export interface GraphQLErrorBody {
  message: string;
  extensions?: {
    code?: string;
    invalidFields?: { field: string; message: string }[];
    retryAfterSeconds?: number;
    [key: string]: unknown;
  };
}

/** What went wrong with a call, in a form pages can explain: the code, the server's words, the fields. */
export class ApiError extends Error {
  readonly code: string;
  /** Problems per input field, keyed by the field's last name (`newPassword`, not `input.newPassword`). */
  readonly fields: Record<string, string[]>;
  readonly retryAfterSeconds?: number;
  /** Everything the server put beside the code, for the pages that read more (`askAgainAfter`, a field's full path). */
  readonly extensions: GraphQLErrorBody['extensions'] & object;

  constructor(
    message: string,
    code: string,
    fields: Record<string, string[]> = {},
    retryAfterSeconds?: number,
    extensions: GraphQLErrorBody['extensions'] = {},
  ) {
    super(message);
    this.code = code;
    this.fields = fields;
    this.retryAfterSeconds = retryAfterSeconds;
    this.extensions = extensions;
  }

  static from(errors: GraphQLErrorBody[] | undefined, status: number): ApiError {
    const first = errors?.[0];
    if (!first)
      return new ApiError(
        `The server answered ${status}.`,
        status >= 500 ? 'SERVICE_UNAVAILABLE' : 'INTERNAL_SERVER_ERROR',
      );
    const fields: Record<string, string[]> = {};
    for (const { field, message } of first.extensions?.invalidFields ?? [])
      (fields[field.split('.').pop()!] ??= []).push(message);
    return new ApiError(
      first.message,
      first.extensions?.code ?? 'INTERNAL_SERVER_ERROR',
      fields,
      first.extensions?.retryAfterSeconds,
      first.extensions,
    );
  }

  static unreachable(): ApiError {
    return new ApiError('The server could not be reached.', 'NETWORK');
  }
}

/** What a form says when the page found something to correct: the fields say what. */
export const FIX_FIELDS = 'Some answers need correcting: see the messages beside the fields.';

const isErrorCode = (code: string): code is ErrorCode => Object.prototype.hasOwnProperty.call(ERROR_ACTIONS, code);

/**
 * What to tell a person, in plain words, with what to do next. Pages pass their own words for
 * the codes that mean something particular to them; the rest take the error registry's words
 * (packages/policy/src/error-codes.ts, copied by `npm run docs`), the same everywhere.
 */
export function explain(error: unknown, own: Record<string, string> = {}): string {
  if (!(error instanceof ApiError)) return 'Something went wrong in this page. Reload it and try again.';
  if (own[error.code]) return own[error.code];
  switch (error.code) {
    case 'NETWORK':
      return 'The service cannot be reached. Check your internet connection, wait a minute, then try again.';
    case 'RATE_LIMITED':
      return `Too many attempts from your network in a short time. Wait ${error.retryAfterSeconds ?? 60} seconds, then try again.`;
    case 'BAD_USER_INPUT':
      // Without fields, the server's sentence is the only one that says what to correct.
      return Object.keys(error.fields).length ? FIX_FIELDS : error.message;
    default:
      return isErrorCode(error.code) ? ERROR_ACTIONS[error.code] : error.message;
  }
}
