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

  constructor(message: string, code: string, fields: Record<string, string[]> = {}, retryAfterSeconds?: number) {
    super(message);
    this.code = code;
    this.fields = fields;
    this.retryAfterSeconds = retryAfterSeconds;
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
    );
  }

  static unreachable(): ApiError {
    return new ApiError('The server could not be reached.', 'NETWORK');
  }
}

/** What a form says when the page found something to correct: the fields say what. */
export const FIX_FIELDS = 'Some answers need correcting: see the messages beside the fields.';

/**
 * What to tell a person, in plain words, with what to do next. Pages pass their own words for
 * the codes that mean something particular to them; the rest have one explanation everywhere.
 */
export function explain(error: unknown, own: Record<string, string> = {}): string {
  if (!(error instanceof ApiError)) return 'Something went wrong in this page. Reload it and try again.';
  if (own[error.code]) return own[error.code];
  switch (error.code) {
    case 'NETWORK':
    case 'SERVICE_UNAVAILABLE':
      return 'The service is not answering right now. Check your internet connection, wait a minute, then try again.';
    case 'RATE_LIMITED':
      return `Too many attempts from your network in a short time. Wait ${error.retryAfterSeconds ?? 60} seconds, then try again.`;
    case 'UNAUTHENTICATED':
      return 'Your session has ended. Sign in again to continue.';
    case 'FORBIDDEN':
      return 'You are not allowed to do this. If you need to, ask an administrator of your organization.';
    case 'BAD_USER_INPUT':
      return Object.keys(error.fields).length ? FIX_FIELDS : error.message;
    case 'INTERNAL_SERVER_ERROR':
      return 'Something went wrong on our side. Try again in a minute; if it keeps happening, tell your administrator.';
    default:
      // The API's own codes (INVALID_TOKEN, TEMPORARY_PASSWORD_EXPIRED, ...) come with sentences meant for people.
      return error.message;
  }
}
