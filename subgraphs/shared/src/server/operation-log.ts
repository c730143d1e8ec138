import type { ApolloServerPlugin, BaseContext } from '@apollo/server';
import type { Logger } from './logger';

/**
 * One debug line per operation: its name, who asked, and the error codes. Never the variables:
 * they carry passwords and tokens.
 */
export function operationLog<C extends BaseContext>(logger: Logger): ApolloServerPlugin<C> {
  return {
    async requestDidStart({ contextValue }) {
      const started = Date.now();
      return {
        async willSendResponse({ request, response }) {
          const errors = response.body.kind === 'single' ? response.body.singleResult.errors : undefined;
          logger.debug(
            { operation: request.operationName ?? null, principal: (contextValue as { principal?: { kind: string } }).principal?.kind, ms: Date.now() - started, errors: errors?.map((e) => e.extensions?.code) },
            'operation',
          );
        },
      };
    },
  };
}
