// Every `extensions.code` the product sends, declared once: what it means, the HTTP status that goes
// with it, and what the person should do, in the words the web app shows. This file imports
// nothing, so browsers and documentation tools can read it as well as servers (`errors.ts` builds
// GraphQL errors from it). `npm run docs` writes docs/errors.md and the clients' copies from it.

/** One code of the contract. */
export interface ErrorCodeEntry {
  /** When the code is sent, for developers: the docs' "Meaning" column. */
  meaning: string;
  /**
   * The HTTP status of an answer whose first error has this code, where the transport sets one (the
   * web app's `/session/*` routes, plain HTTP routes, token checks). A GraphQL answer at `/graphql`
   * that carries data or several errors stays 200.
   */
  status: number;
  /** What the person should do, in plain words: what the web app shows when a page has nothing better to say. */
  action: string;
  /** Extensions beside `code` that clients may read. */
  extensions?: string;
  /** Who sends it when it is not our own code: Apollo Server answers some requests before our code runs. */
  sentBy?: string;
}

const entries = {
  UNAUTHENTICATED: {
    meaning:
      'No valid access token where one is needed (missing, bad signature, expired, or its session ended), or a failed sign-in (the same answer for an unknown user, a wrong password, a locked or inactive login).',
    status: 401,
    action: 'Your session has ended. Sign in again to continue.',
    extensions: '`invalidFields` when one input (a code, the current password) was wrong',
  },
  FORBIDDEN: {
    meaning:
      'The capability matrix does not allow this for the caller, or the data belongs to another organization; also a session route called from another site.',
    status: 403,
    action: 'You are not allowed to do this. If you need to, ask an administrator of your organization.',
  },
  BAD_USER_INPUT: {
    meaning: 'Invalid arguments: one error lists every offending field and nothing is written.',
    status: 400,
    action: 'Some answers need correcting: see the messages beside the fields.',
    extensions: '`invalidFields: [{ field, message }]`',
  },
  NOT_FOUND: {
    meaning:
      'The contact, organization, passkey or membership asked for does not exist (or is not visible to the caller).',
    status: 404,
    action: 'What you asked for no longer exists. Go back to the list and try again.',
  },
  CONFLICT: {
    meaning: 'Someone else saved the record since the `expectedVersion` the client sent.',
    status: 409,
    action: 'Someone else changed this record while you were editing it. Reload it, then make your change again.',
    extensions: '`currentVersion`',
  },
  LAST_ADMINISTRATOR: {
    meaning: 'The change would leave the organization with no active Administrator.',
    status: 409,
    action: 'Make another contact an active Administrator first, then try again.',
  },
  ALREADY_REGISTERED: {
    meaning: 'Register on a contact that already has a self-service login.',
    status: 409,
    action: 'This contact is already registered. Use Re-Enroll to send a new temporary password.',
  },
  NOT_REGISTERED: {
    meaning: 'Re-Enroll, Unlock or a second-factor reset on a contact that has no self-service login.',
    status: 409,
    action: 'This contact has no self-service login yet. Use Register first.',
  },
  NOT_LOCKED: {
    meaning: 'Unlock on a login that is not locked.',
    status: 409,
    action: 'This login is not locked: the person can sign in already.',
  },
  CONTACT_INACTIVE: {
    meaning: 'Register on a contact whose status is not Active.',
    status: 409,
    action: 'Make the contact Active first, then register it.',
  },
  NO_EMAIL: {
    meaning: 'Register on a contact with no primary email address to send the temporary password to.',
    status: 409,
    action: "Add the contact's primary email address first, then register it.",
  },
  USER_NAME_TAKEN: {
    meaning: "Another login of the same organization already uses the contact's email address as its user name.",
    status: 409,
    action: 'Another login of this organization uses this email address. Give this contact its own address.',
  },
  ACCOUNT_DISABLED: {
    meaning: 'The self-service login is disabled (its contact is inactive).',
    status: 403,
    action: 'This login is disabled. Ask an administrator of your organization to activate it.',
  },
  ACCOUNT_LOCKED: {
    meaning:
      'The login is locked and the action needs it open (a change of how the person proves who they are). Sign-in itself answers UNAUTHENTICATED, so a guesser learns nothing.',
    status: 403,
    action: 'Your login is locked. Use the unlock link an administrator sends you, or ask them to unlock it.',
  },
  TEMPORARY_PASSWORD_EXPIRED: {
    meaning: 'Sign-in with a temporary password older than its 24 hours.',
    status: 403,
    action: 'Your temporary password has expired. Ask an administrator of your organization to re-enroll you.',
  },
  INTERNET_ACCESS_DISABLED: {
    meaning: "The organization's Automatic Internet Access is off and the sign-in came from the internet.",
    status: 403,
    action: "Your organization allows sign-in from its internal network only. Sign in from your employer's network.",
  },
  INTERNET_ACCESS_REQUEST_DENIED: {
    meaning:
      "`requestInternetAccess` within 14 days of an administrator's denial of the same person's request in that organization: nothing is filed and nobody is mailed.",
    status: 409,
    action:
      'An administrator of your organization denied your request for internet access recently. Sign in from its network, or speak to your administrator.',
    extensions: '`deniedAt`, `askAgainAfter` (ISO 8601): when the person may ask again',
  },
  ORGANIZATION_CHOICE_REQUIRED: {
    meaning:
      "The web app's sign-in route got no session yet: the person acts for several organizations and must choose one first.",
    status: 409,
    action: 'Choose the organization to act for, then sign in again.',
  },
  INVALID_TOKEN: {
    meaning: 'A one-time link (unlock, password reset) that is unknown, already used or expired.',
    status: 400,
    action: 'This link is invalid, was already used, or has expired. Ask for a new one.',
  },
  SESSION_EXPIRED: {
    meaning:
      "The session family's absolute lifetime, counted from its password step, is over: refresh cannot extend it.",
    status: 401,
    action: 'Your session has reached its time limit. Sign in again to continue.',
  },
  STEP_UP_REQUIRED: {
    meaning:
      'A change of how the person proves who they are (password, authenticator, recovery codes, passkeys) needs fresh proof of a factor the login already has.',
    status: 403,
    action: 'Confirm it is you: give your current password or a code from your authenticator, then try again.',
  },
  SECOND_FACTOR_REQUIRED: {
    meaning:
      'An organization the person acts for (or production, for staff) requires a second factor and the login has none: no session until one is set up.',
    status: 403,
    action: 'Sign in again with your password: you will be asked to set up an authenticator app first.',
  },
  NO_ENROLMENT: {
    meaning: 'An authenticator confirmation with no enrolment waiting for its first code.',
    status: 409,
    action: 'Start setting up the authenticator app again.',
  },
  NO_SECOND_FACTOR: {
    meaning: 'An action on second factors (reset, recovery codes) for a login that has none.',
    status: 409,
    action: 'Set up an authenticator app or a passkey first.',
  },
  LAST_SECOND_FACTOR: {
    meaning:
      'Removing the last second factor (recovery codes aside) of a login that must have one: an organization the person acts for requires it (or production, for staff).',
    status: 409,
    action: 'A second factor is required: add a passkey or another authenticator app first, then remove this one.',
  },
  STRONGER_CREDENTIAL: {
    meaning:
      'A Password Reset Only contact acting on a login that has (or had) a second factor: only an Administrator may.',
    status: 403,
    action: 'This person uses a second factor: ask an Administrator of your organization to do this.',
  },
  RATE_LIMITED: {
    meaning: 'Too many attempts from this address or for this user name, or too many password checks at once.',
    status: 429,
    action: 'Too many attempts in a short time. Wait a little, then try again.',
    extensions: '`retryAfterSeconds`',
  },
  QUERY_TOO_COSTLY: {
    meaning: "The operation's cost, page sizes counted, is over `QUERY_MAX_COST`.",
    status: 400,
    action: 'This request asks for too much at once. Ask for smaller pages.',
    extensions: '`cost`, `maxCost`',
  },
  BAD_REQUEST: {
    meaning: 'The HTTP request itself is refused: the body is not JSON, or too large (413), or malformed for GraphQL.',
    status: 400,
    action: 'The request was refused. Reload the page and try again.',
  },
  GRAPHQL_PARSE_FAILED: {
    meaning: 'The document is not valid GraphQL.',
    status: 400,
    action: 'The request was refused. Reload the page and try again.',
    sentBy: 'Apollo Server, before any resolver runs',
  },
  GRAPHQL_VALIDATION_FAILED: {
    meaning: 'The document does not fit the schema, or is over the depth, alias or size limits.',
    status: 400,
    action: 'The request was refused. Reload the page and try again.',
    sentBy: 'Apollo Server, with our validation rules (depth, aliases, credential fields)',
  },
  PERSISTED_QUERY_NOT_FOUND: {
    meaning:
      'An automatic persisted query sent as a hash the gateway does not know yet: the client sends the full query.',
    status: 200,
    action: 'The request was refused. Reload the page and try again.',
    sentBy: 'Apollo Server (automatic persisted queries)',
  },
  PERSISTED_QUERY_HASH_MISMATCH: {
    meaning: 'An automatic persisted query whose `sha256Hash` is not the hash of the query it came with.',
    status: 400,
    action: 'The request was refused. Reload the page and try again.',
  },
  INVALID_X_FORWARDED_FOR: {
    meaning:
      'A trusted proxy forwarded an X-Forwarded-For that is not a list of IP addresses: the client address cannot be known, so nothing is counted under a made-up one.',
    status: 400,
    action: 'The network in front of this site is misconfigured. Tell its operators.',
  },
  SERVICE_UNAVAILABLE: {
    meaning:
      'A database, a subgraph, the signing keys or the list of ended sessions cannot be reached right now. Safe to retry.',
    status: 503,
    action: 'The service is not answering right now. Wait a minute, then try again.',
  },
  INTERNAL_SERVER_ERROR: {
    meaning:
      'An unexpected failure: logged on the server, answered without internals (no stack trace unless `EXPOSE_STACK_TRACES`).',
    status: 500,
    action: 'Something went wrong on our side. Try again in a minute; if it keeps happening, tell your administrator.',
  },
} as const satisfies Record<string, ErrorCodeEntry>;

/** Every code the product sends: the union clients switch on. */
export type ErrorCodeName = keyof typeof entries;

/** The registry, in the order the documentation lists it. */
export const ERROR_CODES: Readonly<Record<ErrorCodeName, ErrorCodeEntry>> = entries;

/** `ErrorCode.NOT_FOUND === 'NOT_FOUND'`: a code by name, checked by the compiler. */
export const ErrorCode = Object.fromEntries(Object.keys(entries).map((code) => [code, code])) as {
  readonly [K in ErrorCodeName]: K;
};

export const isErrorCode = (code: unknown): code is ErrorCodeName =>
  typeof code === 'string' && Object.prototype.hasOwnProperty.call(entries, code);

/** The HTTP status for a code (500 for one the registry does not know). */
export const httpStatusOf = (code: unknown): number => (isErrorCode(code) ? entries[code].status : 500);
