import express, { type NextFunction, type Request, type Response, type Router } from 'express';
import { requestId, type Logger } from '@ecg/infrastructure';
import { appErrorBody, httpStatusOf } from '@ecg/policy';

/**
 * The web app's sessions, with the refresh token where page script cannot reach it.
 *
 * The app never sees a refresh token: these routes call the credential subgraph's `login`,
 * `refreshToken`, `changePassword` and `logout` for it, keep the refresh token in an
 * `HttpOnly; Secure; SameSite=Strict` cookie, and hand the page only the short-lived access
 * token, which it keeps in memory. A reload asks `/session/refresh` for a new access token.
 *
 * Only these routes read the cookie (`/graphql` takes bearer tokens only), and each one refuses
 * a request a page of another site could make: the cookie is `SameSite=Strict` (never sent
 * with a cross-site request), the request must be JSON and carry `X-Requested-By` (neither a
 * form nor a "simple" cross-origin fetch can, and the gateway answers no CORS preflight here),
 * a browser's `Sec-Fetch-Site`, when sent, must say `same-origin`, and its `Origin`, when sent,
 * must be this gateway's.
 */
export const REFRESH_COOKIE = '__Host-ecg-refresh';
export const SESSION_HEADER = 'x-requested-by';

interface Session {
  accessToken: string | null;
  refreshToken: string | null;
  expiresIn: number | null;
  passwordChangeRequired: boolean;
  /** `login` only: the person acts for several organizations and must choose one first. */
  organizationChoiceRequired?: boolean;
  choiceToken?: string | null;
  organizations?: { organizationId: string; organizationName: string; contactTypes: string[] }[];
  /** `login` only: the person has a second factor; the page asks for a code next. */
  secondFactorRequired?: boolean;
  secondFactorChallenge?: string | null;
  secondFactorKinds?: string[];
  /** JSON options for navigator.credentials.get when the person has passkeys. */
  secondFactorPasskeyOptions?: string | null;
  /**
   * `login` only: a second factor is required (the organization's rule, or a staff login in
   * production) and there is none: the page sets one up with this challenge before anything else.
   */
  secondFactorEnrolmentRequired?: boolean;
  secondFactorEnrolmentChallenge?: string | null;
  /**
   * A proof (or the choice of an organization after one) refused only because the organization
   * allows its internal network only: no session, a token (15 minutes) for the page to file a
   * request for internet access.
   */
  internetAccessRequestToken?: string | null;
}
interface UpstreamError {
  message: string;
  extensions?: Record<string, unknown>;
}

const SESSION_FIELDS = 'accessToken refreshToken expiresIn passwordChangeRequired';
const OPERATIONS = {
  login: `mutation ($userName: String!, $password: String!) { login(userName: $userName, password: $password) { ${SESSION_FIELDS} organizationChoiceRequired choiceToken organizations { organizationId organizationName contactTypes } secondFactorRequired secondFactorChallenge secondFactorKinds secondFactorPasskeyOptions secondFactorEnrolmentRequired secondFactorEnrolmentChallenge internetAccessRequestToken } }`,
  completeAssistedReset: `mutation ($userName: String!, $code: String!, $newPassword: String!) { completeAssistedReset(userName: $userName, code: $code, newPassword: $newPassword) { ${SESSION_FIELDS} organizationChoiceRequired choiceToken organizations { organizationId organizationName contactTypes } secondFactorRequired secondFactorChallenge secondFactorKinds secondFactorPasskeyOptions secondFactorEnrolmentRequired secondFactorEnrolmentChallenge internetAccessRequestToken } }`,
  confirmTotpEnrolment: `mutation ($code: String!, $enrolmentChallenge: String!) { confirmTotpEnrolment(code: $code, enrolmentChallenge: $enrolmentChallenge) { codes signIn { ${SESSION_FIELDS} organizationChoiceRequired choiceToken organizations { organizationId organizationName contactTypes } internetAccessRequestToken } } }`,
  verifySecondFactor: `mutation ($challenge: String!, $code: String, $recoveryCode: String, $passkey: String) { verifySecondFactor(challenge: $challenge, code: $code, recoveryCode: $recoveryCode, passkey: $passkey) { ${SESSION_FIELDS} organizationChoiceRequired choiceToken organizations { organizationId organizationName contactTypes } internetAccessRequestToken } }`,
  signInWithPasskey: `mutation ($token: String!, $response: String!) { signInWithPasskey(token: $token, response: $response) { ${SESSION_FIELDS} organizationChoiceRequired choiceToken organizations { organizationId organizationName contactTypes } internetAccessRequestToken } }`,
  chooseOrganization: `mutation ($organizationId: ID!, $choiceToken: String!) { chooseOrganization(organizationId: $organizationId, choiceToken: $choiceToken) { ${SESSION_FIELDS} internetAccessRequestToken } }`,
  switchOrganization: `mutation ($organizationId: ID!) { switchOrganization(organizationId: $organizationId) { ${SESSION_FIELDS} } }`,
  refreshToken: `mutation ($refreshToken: String!) { refreshToken(refreshToken: $refreshToken) { ${SESSION_FIELDS} } }`,
  changePassword: `mutation ($currentPassword: String!, $newPassword: String!) { changePassword(currentPassword: $currentPassword, newPassword: $newPassword) { ${SESSION_FIELDS} } }`,
  logout: 'mutation ($refreshToken: String!) { logout(refreshToken: $refreshToken) }',
};

// A session cookie (no Max-Age): it ends when the browser closes, which suits shared computers;
// the credential subgraph still ends the refresh token itself after its own lifetime.
const COOKIE_ATTRIBUTES = 'Path=/; HttpOnly; Secure; SameSite=Strict';
const setRefreshCookie = (res: Response, token: string) =>
  res.append('set-cookie', `${REFRESH_COOKIE}=${token}; ${COOKIE_ATTRIBUTES}`);
const clearRefreshCookie = (res: Response) =>
  res.append('set-cookie', `${REFRESH_COOKIE}=; ${COOKIE_ATTRIBUTES}; Max-Age=0`);

function refreshCookieOf(req: Request): string | undefined {
  for (const part of (req.headers.cookie ?? '').split(';')) {
    const [name, ...value] = part.trim().split('=');
    if (name === REFRESH_COOKIE && value.join('=')) return value.join('=');
  }
  return undefined;
}

/**
 * An `Origin` header, when the client sends one, names this gateway: the same host the request
 * was sent to (`Host`, or `X-Forwarded-Host` from a trusted proxy). Browsers send it on every
 * POST, so a page of another origin that got past the checks above (an older browser without
 * Sec-Fetch-Site, a header a proxy dropped) is still refused; "null" (a sandboxed frame, a
 * redirect across origins) names nobody and is refused too.
 */
function ownOrigin(req: Request): boolean {
  const origin = req.headers.origin;
  if (origin === undefined) return true;
  try {
    const { protocol, host } = new URL(origin);
    return (protocol === 'https:' || protocol === 'http:') && host === req.host;
  } catch {
    return false;
  }
}

/** Requests a page of another site could send are refused before anything is read. */
function sameSiteOnly(req: Request, res: Response, next: NextFunction) {
  const site = req.headers['sec-fetch-site'];
  if (
    !req.is('application/json') ||
    req.headers[SESSION_HEADER] !== 'web-app' ||
    (site !== undefined && site !== 'same-origin') ||
    !ownOrigin(req)
  ) {
    res.status(403).json(appErrorBody('FORBIDDEN', 'This request must come from the web app on this site.'));
    return;
  }
  next();
}

export function sessionCookieRouter(credentialUrl: string, logger: Logger, idleTimeoutSeconds = 1800): Router {
  async function call<T>(
    req: Request,
    operation: keyof typeof OPERATIONS,
    variables: Record<string, unknown>,
  ): Promise<{ data?: T; errors?: UpstreamError[] }> {
    const response = await fetch(credentialUrl, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        'x-forwarded-for': req.ip ?? '',
        'x-request-id': requestId(req),
        ...(req.headers.authorization ? { authorization: req.headers.authorization } : {}),
      },
      body: JSON.stringify({ query: OPERATIONS[operation], variables }),
      signal: AbortSignal.timeout(30_000),
    });
    return (await response.json()) as { data?: T; errors?: UpstreamError[] };
  }

  /**
   * A browser holds one session. A sign-in in a browser that still holds one (another person's,
   * on a shared computer) ends the one it replaces: overwriting the cookie alone would leave that
   * session alive for whoever copied its cookie. The password change needs none of this: it ends
   * every session of the login itself.
   */
  async function endReplaced(req: Request, issued: Session | null | undefined) {
    const previous = refreshCookieOf(req);
    if (!previous || !issued?.refreshToken || issued.refreshToken === previous) return;
    try {
      await call(req, 'logout', { refreshToken: previous });
    } catch (caught) {
      // The new session stands; the old one ends at its own expiry (or the next sign-out everywhere).
      logger.warn(
        { err: caught instanceof Error ? caught.message : String(caught), path: req.path },
        'session route: the replaced session could not be ended',
      );
    }
  }

  /** Answer with the session minus its refresh token, which goes into the cookie; or the errors. */
  function respond(
    res: Response,
    result: { data?: Record<string, Session | null> | null; errors?: UpstreamError[] },
    field: string,
    clearOnError = false,
    extra: Record<string, unknown> = {},
  ) {
    const session = result.data?.[field];
    if (!session || result.errors?.length) {
      if (clearOnError) clearRefreshCookie(res);
      // The subgraph's words and codes, nothing else (no stack traces, no paths).
      const errors = (result.errors ?? appErrorBody('INTERNAL_SERVER_ERROR', 'Something went wrong.').errors).map(
        ({ message, extensions }) => {
          const { stacktrace: _stacktrace, ...rest } = extensions ?? {};
          return { message, extensions: rest };
        },
      );
      res.status(httpStatusOf(errors[0].extensions.code)).json({ errors });
      return;
    }
    if (session.secondFactorRequired) {
      // No session yet: the one-time challenge (5 minutes) that stands for the password just
      // checked, for the second step; nothing goes into the cookie.
      res.json({
        secondFactorRequired: true,
        secondFactorChallenge: session.secondFactorChallenge,
        secondFactorKinds: session.secondFactorKinds ?? [],
        secondFactorPasskeyOptions: session.secondFactorPasskeyOptions ?? null,
      });
      return;
    }
    if (session.internetAccessRequestToken) {
      // No session: only the token that files a request for internet access; nothing goes into the cookie.
      res.json({ internetAccessRequestToken: session.internetAccessRequestToken });
      return;
    }
    if (session.secondFactorEnrolmentRequired) {
      // No session yet: the one-time challenge (15 minutes) that only sets up a second factor.
      res.json({
        secondFactorEnrolmentRequired: true,
        secondFactorEnrolmentChallenge: session.secondFactorEnrolmentChallenge,
      });
      return;
    }
    if (session.organizationChoiceRequired) {
      // No session yet: the organizations to choose from, and the one-time token (5 minutes)
      // that stands for the password just checked. Nothing goes into the cookie.
      res.json({
        ...extra,
        organizationChoiceRequired: true,
        choiceToken: session.choiceToken,
        organizations: session.organizations ?? [],
      });
      return;
    }
    if (!session.accessToken || !session.refreshToken) {
      // A sign-in that issued no session yet (a person of several organizations must choose one):
      // nothing goes into the cookie, and the page is told so in words.
      res
        .status(409)
        .json(appErrorBody('ORGANIZATION_CHOICE_REQUIRED', 'Choose the organization to act for, then sign in again.'));
      return;
    }
    setRefreshCookie(res, session.refreshToken);
    res.json({
      ...extra,
      accessToken: session.accessToken,
      expiresIn: session.expiresIn,
      passwordChangeRequired: session.passwordChangeRequired,
      // How long the page lets the session sit unused before it warns and signs out.
      idleTimeoutSeconds,
    });
  }

  const guarded = (handler: (req: Request, res: Response) => Promise<void>) => async (req: Request, res: Response) => {
    res.set('cache-control', 'no-store');
    try {
      await handler(req, res);
    } catch (caught) {
      logger.warn(
        { err: caught instanceof Error ? caught.message : String(caught), path: req.path },
        'session route: credential service unreachable',
      );
      if (!res.headersSent)
        res
          .status(503)
          .json(appErrorBody('SERVICE_UNAVAILABLE', 'Signing in is unavailable right now. Try again in a minute.'));
    }
  };
  const text = (value: unknown) => (typeof value === 'string' ? value : '');
  const body = (req: Request) => (req.body as Record<string, unknown> | undefined) ?? {};

  const router = express.Router();
  router.use('/session', sameSiteOnly, express.json({ limit: '16kb' }));
  router.post(
    '/session/login',
    guarded(async (req, res) => {
      const result = await call<Record<string, Session>>(req, 'login', {
        userName: text((req.body as Record<string, unknown> | undefined)?.userName),
        password: text((req.body as Record<string, unknown> | undefined)?.password),
      });
      await endReplaced(req, result.data?.login);
      respond(res, result, 'login');
    }),
  );
  // An assisted reset's code and a new password: then on as after a password sign-in.
  router.post(
    '/session/assisted-reset',
    guarded(async (req, res) => {
      const result = await call<Record<string, Session>>(req, 'completeAssistedReset', {
        userName: text(body(req).userName),
        code: text(body(req).code),
        newPassword: text(body(req).newPassword),
      });
      await endReplaced(req, result.data?.completeAssistedReset);
      respond(res, result, 'completeAssistedReset');
    }),
  );
  router.post(
    '/session/refresh',
    guarded(async (req, res) => {
      const token = refreshCookieOf(req);
      if (!token) {
        res.status(401).json(appErrorBody('UNAUTHENTICATED', 'You are not signed in.'));
        return;
      }
      respond(
        res,
        await call<Record<string, Session>>(req, 'refreshToken', { refreshToken: token }),
        'refreshToken',
        true,
      );
    }),
  );
  router.post(
    '/session/password',
    guarded(async (req, res) => {
      const variables = {
        currentPassword: text((req.body as Record<string, unknown> | undefined)?.currentPassword),
        newPassword: text((req.body as Record<string, unknown> | undefined)?.newPassword),
      };
      respond(res, await call<Record<string, Session>>(req, 'changePassword', variables), 'changePassword');
    }),
  );
  router.post(
    '/session/organization',
    guarded(async (req, res) => {
      const variables = { organizationId: text(body(req).organizationId), choiceToken: text(body(req).choiceToken) };
      const result = await call<Record<string, Session>>(req, 'chooseOrganization', variables);
      await endReplaced(req, result.data?.chooseOrganization);
      respond(res, result, 'chooseOrganization');
    }),
  );
  router.post(
    '/session/second-factor',
    guarded(async (req, res) => {
      const optional = (value: unknown) => (typeof value === 'string' && value ? value : null);
      const variables = {
        challenge: text(body(req).challenge),
        code: optional(body(req).code),
        recoveryCode: optional(body(req).recoveryCode),
        passkey: optional(body(req).passkey),
      };
      const result = await call<Record<string, Session>>(req, 'verifySecondFactor', variables);
      await endReplaced(req, result.data?.verifySecondFactor);
      respond(res, result, 'verifySecondFactor');
    }),
  );
  // The enrolment a required second factor asked for, right after the password: the
  // first code confirms it and signs in; the recovery codes go to the page (shown once), the
  // refresh token into the cookie.
  router.post(
    '/session/second-factor-enrolment',
    guarded(async (req, res) => {
      const variables = { code: text(body(req).code), enrolmentChallenge: text(body(req).challenge) };
      const result = await call<{ confirmTotpEnrolment: { codes: string[]; signIn: Session | null } | null }>(
        req,
        'confirmTotpEnrolment',
        variables,
      );
      const confirmed = result.data?.confirmTotpEnrolment;
      await endReplaced(req, confirmed?.signIn);
      respond(res, { data: { signIn: confirmed?.signIn ?? null }, errors: result.errors }, 'signIn', false, {
        recoveryCodes: confirmed?.codes ?? [],
      });
    }),
  );
  // A passkey alone: the page ran startPasskeySignIn and the browser's ceremony; the session goes into the cookie.
  router.post(
    '/session/passkey',
    guarded(async (req, res) => {
      const variables = { token: text(body(req).token), response: text(body(req).response) };
      const result = await call<Record<string, Session>>(req, 'signInWithPasskey', variables);
      await endReplaced(req, result.data?.signInWithPasskey);
      respond(res, result, 'signInWithPasskey');
    }),
  );
  router.post(
    '/session/switch',
    guarded(async (req, res) => {
      const result = await call<Record<string, Session>>(req, 'switchOrganization', {
        organizationId: text(body(req).organizationId),
      });
      // The browser holds one session: the one it leaves ends, rather than live on unreferenced.
      await endReplaced(req, result.data?.switchOrganization);
      respond(res, result, 'switchOrganization');
    }),
  );
  router.post(
    '/session/logout',
    guarded(async (req, res) => {
      const token = refreshCookieOf(req);
      clearRefreshCookie(res);
      if (token) await call(req, 'logout', { refreshToken: token });
      res.status(204).end();
    }),
  );
  return router;
}
