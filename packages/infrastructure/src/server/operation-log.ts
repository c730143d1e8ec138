import { randomUUID } from 'node:crypto';
import type { ApolloServerPlugin, BaseContext } from '@apollo/server';
import type { Request } from 'express';
import type { Logger } from './logger';

/** The request id the gateway gave (`x-request-id`), or a new one: every log line of a request carries it. */
export function requestId(req: Request): string {
  const given = req.headers['x-request-id'];
  return typeof given === 'string' && /^[\w-]{8,64}$/.test(given) ? given : randomUUID();
}

/**
 * One info line per operation, in the gateway and in every subgraph: its name and type, who asked,
 * how long it took, `ok` or `error` with the error codes; the request id comes from the context's
 * logger (`logger.child({ requestId })`), so the gateway's line and its subgraphs' lines share it.
 * Never the variables: they carry passwords and tokens.
 */
export function operationLog<C extends BaseContext & { logger: Logger }>(): ApolloServerPlugin<C> {
  return {
    async requestDidStart({ contextValue }) {
      const started = performance.now();
      return {
        async willSendResponse({ request, response, operationName, operation }) {
          const errors = response.body.kind === 'single' ? response.body.singleResult.errors : undefined;
          const codes = [...new Set(errors?.map(({ extensions }) => errorCode(extensions?.code)) ?? [])];
          contextValue.logger.info(
            {
              operation: operationName ?? request.operationName ?? null,
              type: operation?.operation ?? null,
              principal: (contextValue as { principal?: { kind: string } }).principal?.kind,
              ms: Math.round(performance.now() - started),
              outcome: codes.length ? 'error' : 'ok',
              ...(codes.length ? { errors: codes } : {}),
            },
            'operation',
          );
        },
      };
    },
  };
}

/** Every error the client sees has a string code (formatError sees to it); anything else is named as such. */
function errorCode(code: unknown): string {
  return typeof code === 'string' ? code : 'NO_CODE';
}
