import type { BaseRequestContext } from '../server/request-context';
import type { LoaderFactory } from './subgraph-module';

const REQUEST = Symbol('request');
const SERVICES = Symbol('services');

/**
 * Per-request loaders made on first use: a request that never asks for a loader never builds it
 * (most operations need one or two of a subgraph's loaders). The getters are defined once, on a
 * prototype, so a request costs one small object, not one property definition per loader.
 */
export function requestLoaders<S>(factories: Map<string, LoaderFactory<S>>) {
  class RequestLoaders {
    [REQUEST]: BaseRequestContext;
    [SERVICES]: S;
    constructor(request: BaseRequestContext, services: S) {
      this[REQUEST] = request;
      this[SERVICES] = services;
    }
  }
  for (const [name, make] of factories) {
    Object.defineProperty(RequestLoaders.prototype, name, {
      enumerable: true,
      get(this: RequestLoaders) {
        const loader = make(this[REQUEST], this[SERVICES]);
        // The instance's own property hides the getter from now on: one loader per request.
        Object.defineProperty(this, name, { value: loader, enumerable: true });
        return loader;
      },
    });
  }
  return (request: BaseRequestContext, services: S): unknown => new RequestLoaders(request, services);
}
