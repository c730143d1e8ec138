import { ApolloArmor } from '@escape.tech/graphql-armor';
import { GraphQLError, Kind, type ASTVisitor, type ValidationContext, type ValidationRule } from 'graphql';
import { ErrorCode } from './errors';

/** Operations that check a secret: one per request, so aliases cannot multiply password guesses. */
export const CREDENTIAL_FIELDS = new Set(['login', 'requestPasswordReset', 'resetPassword', 'completeUnlock', 'changePassword', 'refreshToken']);

export const oneCredentialOperation: ValidationRule = (context: ValidationContext): ASTVisitor => {
  let seen = 0;
  return {
    Field(node) {
      if (!CREDENTIAL_FIELDS.has(node.name.value) || context.getParentType()?.name !== 'Mutation') return;
      if (++seen === 2) {
        context.reportError(
          new GraphQLError(`At most one of ${[...CREDENTIAL_FIELDS].join(', ')} per request.`, { nodes: [node], extensions: { code: ErrorCode.BAD_USER_INPUT } }),
        );
      }
    },
    [Kind.DOCUMENT]: { enter: () => void (seen = 0) },
  };
};

/**
 * Query limits for the gateway and every subgraph (graphql-armor): depth, aliases, tokens,
 * directives and cost are refused while validating, before any resolver runs; field suggestions
 * are blocked in production. Plus one credential check per request.
 */
export function queryLimits(production: boolean) {
  const armor = new ApolloArmor({
    maxDepth: { n: 12 },
    maxAliases: { n: 20 },
    // Tokens are limited by graphql's own parser (see `parseOptions`): armor's plugin answers 500.
    maxTokens: { enabled: false },
    maxDirectives: { n: 20 },
    costLimit: { maxCost: 8000 },
    blockFieldSuggestion: { enabled: production },
  });
  const { validationRules, plugins } = armor.protect();
  return { validationRules: [...validationRules, oneCredentialOperation], plugins, allowBatchedHttpRequests: false, parseOptions: { maxTokens: 3000 } };
}
