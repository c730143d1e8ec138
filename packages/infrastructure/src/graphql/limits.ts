import { ApolloArmor } from '@escape.tech/graphql-armor';
import { Kind, type ASTVisitor, type ValidationContext, type ValidationRule } from 'graphql';
import { appError } from '@ecg/policy';
import type { EdgeSettings } from '../server/edge-settings';
import { DEFAULT_COST_OPTIONS, queryCostLimit } from './query-cost';

/** Operations that check a secret: one per request, so aliases cannot multiply password guesses. */
export const CREDENTIAL_FIELDS = new Set([
  'login',
  'requestPasswordReset',
  'resetPassword',
  'completeUnlock',
  'completeAssistedReset',
  'changePassword',
  'refreshToken',
  'verifySecondFactor',
  'confirmTotpEnrolment',
  'signInWithPasskey',
  'finishPasskeyRegistration',
]);

export const oneCredentialOperation: ValidationRule = (context: ValidationContext): ASTVisitor => {
  let seen = 0;
  return {
    Field(node) {
      if (!CREDENTIAL_FIELDS.has(node.name.value) || context.getParentType()?.name !== 'Mutation') return;
      if (++seen === 2) {
        context.reportError(
          appError('BAD_USER_INPUT', `At most one of ${[...CREDENTIAL_FIELDS].join(', ')} per request.`, {
            nodes: node,
          }),
        );
      }
    },
    [Kind.DOCUMENT]: { enter: () => void (seen = 0) },
  };
};

/**
 * Query limits for the gateway and every subgraph (graphql-armor): depth, aliases, tokens and
 * directives are refused while validating, before any resolver runs; field suggestions are
 * blocked in production. Plus one credential check per request, and the cost of the operation
 * counted with its page sizes (`query-cost.ts`) once its variables are known, still before any
 * resolver runs.
 */
export function queryLimits(production: boolean, maxCost: number) {
  const armor = new ApolloArmor({
    maxDepth: { n: 12 },
    maxAliases: { n: 20 },
    // Tokens are limited by graphql's own parser (see `parseOptions`): armor's plugin answers 500.
    maxTokens: { enabled: false },
    maxDirectives: { n: 20 },
    // Armor's cost ignores page sizes (100 contacts cost what 1 does); `queryCostLimit` replaces it.
    costLimit: { enabled: false },
    blockFieldSuggestion: { enabled: production },
  });
  const { validationRules, plugins } = armor.protect();
  return {
    validationRules: [...validationRules, oneCredentialOperation],
    plugins: [...plugins, queryCostLimit({ ...DEFAULT_COST_OPTIONS, maxCost })],
    allowBatchedHttpRequests: false,
    parseOptions: { maxTokens: 3000 },
  };
}

/**
 * What the gateway and every subgraph tell Apollo Server alike: the query limits, no batches,
 * introspection only outside production, stack traces only when EXPOSE_STACK_TRACES asks.
 */
export function edgeServerOptions(production: boolean, edge: EdgeSettings) {
  return {
    ...queryLimits(production, edge.maxQueryCost),
    introspection: !production,
    includeStacktraceInErrorResponses: edge.exposeStackTraces,
  };
}
