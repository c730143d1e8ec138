import { AsyncLocalStorage } from 'node:async_hooks';
import type { RequestHandler } from 'express';
import { requestId } from '@ecg/infrastructure';

const scope = new AsyncLocalStorage<string>();

/** The request id of the request being served, for the calls it makes to other subgraphs. */
export const currentRequestId = (): string | undefined => scope.getStore();

/**
 * Every request runs in a scope that knows its request id, so a call this subgraph makes to
 * another on its behalf carries the same `x-request-id`: one id ties the gateway's log line to
 * every service the operation reached, lookups included. A request that came without one gets a
 * new one here, written back into its headers so that this subgraph's own log lines use it too.
 */
export function requestScope(): RequestHandler {
  return (req, _res, next) => {
    const id = requestId(req);
    req.headers['x-request-id'] = id;
    scope.run(id, next);
  };
}
