import type { IMiddlewareFunction } from 'graphql-middleware';

/**
 * graphql-js recognizes errors by `instanceof Error`. Errors made by Node itself (a refused
 * database socket) can come from another realm (jest's sandbox, a worker) and would lose their
 * code; this rethrows anything error-shaped as an Error of this realm, code and all.
 */
// graphql-middleware types a middleware's result as a promise; it passes any value through.
export const sameRealmErrors = ((
  resolve: (parent: unknown, args: unknown, context: unknown, info: unknown) => unknown,
  parent: unknown,
  args: unknown,
  context: unknown,
  info: unknown,
) => {
  // Synchronous for a synchronous resolver: it wraps every field of every row, and an `async`
  // wrapper made graphql-js complete each of them as a promise. A failure stays asynchronous, as
  // it was (graphql-js stops an object's other fields at a synchronous error in a non-null field).
  let result: unknown;
  try {
    result = resolve(parent, args, context, info);
  } catch (error) {
    return failed(thisRealm(error));
  }
  // Any thenable (a promise from another realm is not `instanceof Promise` here).
  return typeof (result as PromiseLike<unknown> | null)?.then === 'function'
    ? Promise.resolve(result).catch((error: unknown) => {
        throw thisRealm(error);
      })
    : result;
}) as IMiddlewareFunction;

function thisRealm(error: unknown): unknown {
  if (error instanceof Error || typeof error !== 'object' || error === null || !('message' in error)) return error;
  return Object.assign(new Error(String(error.message)), error);
}

/** A promise rejected with whatever was thrown, as an `async` function's would be. */
const failed = async (error: unknown): Promise<never> => {
  throw error;
};
