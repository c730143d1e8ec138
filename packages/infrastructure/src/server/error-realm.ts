import type { IMiddlewareFunction } from 'graphql-middleware';

/**
 * graphql-js recognizes errors by `instanceof Error`. Errors made by Node itself (a refused
 * database socket) can come from another realm (jest's sandbox, a worker) and would lose their
 * code; this rethrows anything error-shaped as an Error of this realm, code and all.
 */
export const sameRealmErrors: IMiddlewareFunction = async (resolve, parent, args, context, info) => {
  try {
    // graphql-middleware types a resolver's result as `any`; it passes through untouched.
    return (await resolve(parent, args, context, info)) as unknown;
  } catch (error) {
    if (error instanceof Error || typeof error !== 'object' || error === null || !('message' in error)) throw error;
    throw Object.assign(new Error(String(error.message)), error);
  }
};
