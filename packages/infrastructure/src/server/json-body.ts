import express, { type ErrorRequestHandler, type RequestHandler } from 'express';
import { appErrorBody } from '@ecg/policy';
import type { Logger } from './logger';

/** What body-parser puts on the errors it raises (`type` like `entity.parse.failed`). */
interface BodyError {
  type?: string;
  status?: number;
  expose?: boolean;
}

const MESSAGES: Record<string, string> = {
  'entity.parse.failed': 'The request body is not valid JSON.',
  'entity.too.large': 'The request body is too large.',
};

/**
 * A body the JSON parser refuses gets a GraphQL-shaped 4xx and one log line that says why, never
 * the body: the parser's error carries the raw text (`err.body`, and a piece of it in its
 * message), and a login's body holds a password. Express's own handler would log the error
 * and, outside production, answer with its stack trace.
 */
export function requestBodyErrors(logger: Logger): ErrorRequestHandler {
  return (error: unknown, req, res, next) => {
    const { type, status } = (error ?? {}) as BodyError;
    if (!isRefusedBody(error) || !type || !status || res.headersSent) return next(error);
    const message = MESSAGES[type] ?? 'The request body cannot be read.';
    logger.warn(
      {
        reason: message,
        type,
        status,
        method: req.method,
        path: req.path,
        contentLength: req.headers['content-length'],
      },
      'request body refused',
    );
    res.status(status).json(appErrorBody('BAD_REQUEST', message));
  };
}

/** A body the parser refused for what the client sent (not a server fault). */
function isRefusedBody(error: unknown): boolean {
  const { type, status, expose } = (error ?? {}) as BodyError;
  return !!type && !!status && status < 500 && !!expose;
}

/**
 * The last handler of the app: a body refused by any route's parser is answered as above, and
 * anything else is a plain 500 with no internals, logged without the request body (a parser's
 * error carries it in `body` and pieces of it in `message`).
 */
export function unexpectedErrors(logger: Logger): ErrorRequestHandler {
  const bodies = requestBodyErrors(logger);
  return (error: unknown, req, res, next) => {
    if (res.headersSent) return next(error);
    if (isRefusedBody(error)) return bodies(error, req, res, next);
    const { type, status } = (error ?? {}) as BodyError;
    logger.error(
      { err: type ? { type, status } : error, method: req.method, path: req.path },
      'unexpected error outside GraphQL',
    );
    res.status(500).json(appErrorBody('INTERNAL_SERVER_ERROR', 'Internal server error'));
  };
}

/**
 * The largest text a single argument may carry: a CSV upload (the contact email import), in
 * characters. The one setting both ends read: the import refuses more, and every request body
 * limit below is derived from it, so the gateway never cuts off what the import accepts.
 */
export const UPLOAD_MAX_CHARACTERS = 2_000_000;

/**
 * A request body that carries the largest upload: in JSON a character of text takes at most 3
 * bytes (UTF-8 of a BMP character; a line break, quote or backslash escaped takes 2), plus room
 * for the query and the other variables. Control characters other than tab and line breaks
 * (6 bytes escaped) have no place in a CSV.
 */
export const REQUEST_BODY_LIMIT_BYTES = 3 * UPLOAD_MAX_CHARACTERS + 64 * 1024;

/** `express.json` for /graphql, with its refusals answered as above. */
export function jsonBody(
  logger: Logger,
  limit: number | string = REQUEST_BODY_LIMIT_BYTES,
): (RequestHandler | ErrorRequestHandler)[] {
  return [express.json({ limit }), requestBodyErrors(logger)];
}
