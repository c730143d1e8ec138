import express, { type ErrorRequestHandler, type RequestHandler } from 'express';
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
    const { type, status, expose } = (error ?? {}) as BodyError;
    if (!type || !status || status >= 500 || !expose || res.headersSent) return next(error);
    const message = MESSAGES[type] ?? 'The request body cannot be read.';
    logger.warn({ reason: message, type, status, method: req.method, path: req.path, contentLength: req.headers['content-length'] }, 'request body refused');
    res.status(status).json({ errors: [{ message, extensions: { code: 'BAD_REQUEST' } }] });
  };
}

/**
 * Anything else that reaches the end of the chain: a plain 500 with no internals, logged with its
 * error (never the request body).
 */
export function unexpectedErrors(logger: Logger): ErrorRequestHandler {
  return (error: unknown, req, res, next) => {
    if (res.headersSent) return next(error);
    logger.error({ err: error, method: req.method, path: req.path }, 'unexpected error outside GraphQL');
    res.status(500).json({ errors: [{ message: 'Internal server error', extensions: { code: 'INTERNAL_SERVER_ERROR' } }] });
  };
}

/** `express.json` for /graphql, with its refusals answered as above. */
export function jsonBody(logger: Logger, limit = '1mb'): (RequestHandler | ErrorRequestHandler)[] {
  return [express.json({ limit }), requestBodyErrors(logger)];
}
