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
 * One debug line per operation: its name, who asked, and the error codes. Never the variables:
 * they carry passwords and tokens.
 */
export function operationLog<C extends BaseContext & { logger: Logger }>(): ApolloServerPlugin<C> {
  return {
    async requestDidStart({ contextValue }) {
      const started = Date.now();
      return {
        async willSendResponse({ request, response }) {
          const errors = response.body.kind === 'single' ? response.body.singleResult.errors : undefined;
          contextValue.logger.debug(
            { operation: request.operationName ?? null, principal: (contextValue as { principal?: { kind: string } }).principal?.kind, ms: Date.now() - started, errors: errors?.map((e) => e.extensions?.code) },
            'operation',
          );
        },
      };
    },
  };
}
