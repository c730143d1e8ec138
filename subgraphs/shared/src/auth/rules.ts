import { GraphQLError } from 'graphql';
import { allow, deny, or, rule, shield } from 'graphql-shield';
import type { IRules } from 'graphql-shield';
import { ErrorCode } from '../graphql/errors';
import { atLeast, levelFor, type Level } from './capability-matrix';
import type { Principal } from './principal';
import { unauthenticated } from './token-verifier';

export interface AuthContext {
  principal: Principal;
}

export function forbidden(message = 'You do not have permission to do this.'): GraphQLError {
  return new GraphQLError(message, { extensions: { code: ErrorCode.FORBIDDEN } });
}

/** The organization an object belongs to, from the field's parent and arguments (may load). */
export type ScopeOf = (parent: any, args: any, context: any) => string | null | undefined | Promise<string | null | undefined>;

export const isAuthenticated = rule('isAuthenticated', { cache: 'contextual' })((_parent, _args, context: AuthContext) =>
  context.principal.kind === 'anonymous' ? unauthenticated() : true,
);

export const isStaff = rule('isStaff', { cache: 'contextual' })((_parent, _args, context: AuthContext) =>
  context.principal.kind === 'anonymous' ? unauthenticated() : context.principal.kind === 'staff',
);

/** Any signed-in contact (whatever its types) or staff: e.g. changing one's own password. */
export const isSignedInPerson = rule('isSignedInPerson', { cache: 'contextual' })((_parent, _args, context: AuthContext) =>
  context.principal.kind === 'anonymous' ? unauthenticated() : context.principal.kind === 'contact' || context.principal.kind === 'staff',
);

/**
 * The one rule every permission derives from: the caller holds `level` on the matrix function
 * `functionKey` in the organization `scope` names. Staff may do anything anywhere; other services
 * may read; a contact only in its own organization, and not while it must change its password.
 */
export function can(functionKey: string, level: Exclude<Level, 'NONE'>, scope: ScopeOf, scopeName: string) {
  levelFor([], functionKey); // fail at start, not at request time, on a function the matrix lacks
  return rule(`can:${functionKey}:${level}:${scopeName}`, { cache: 'strict' })(async (parent, args, context: AuthContext) => {
    const principal = context.principal;
    switch (principal.kind) {
      case 'anonymous':
        return unauthenticated();
      case 'staff':
        return true;
      case 'service':
        return level === 'READ';
      case 'contact': {
        if (principal.passwordChangeRequired) return forbidden('Change your temporary password first.');
        if (!atLeast(levelFor(principal.contactTypes, functionKey), level)) return false;
        return (await scope(parent, args, context)) === principal.organizationId;
      }
    }
  });
}

/**
 * The caller holds `level` on `functionKey` in its own organization, whatever object is asked
 * for: for fields whose organization is not known yet (the object's own rules then scope it).
 * `duringPasswordChange` lets a token that may only change the password through.
 */
export function holds(functionKey: string, level: Exclude<Level, 'NONE'>, options: { duringPasswordChange?: boolean } = {}) {
  levelFor([], functionKey);
  return rule(`holds:${functionKey}:${level}:${options.duringPasswordChange ? 'pcr' : ''}`, { cache: 'contextual' })((_parent, _args, context: AuthContext) => {
    const principal = context.principal;
    if (principal.kind === 'anonymous') return unauthenticated();
    if (principal.kind === 'staff') return true;
    if (principal.kind === 'service') return level === 'READ';
    if (principal.passwordChangeRequired && !options.duringPasswordChange) return forbidden('Change your temporary password first.');
    return atLeast(levelFor(principal.contactTypes, functionKey), level);
  });
}

/**
 * Wraps a subgraph's rule tree: anything not named is denied; federation's `_service` stays open
 * for composition; `_entities` needs a token unless every representation is of a public type.
 */
export function permissions(rules: IRules, publicEntityTypes: string[] = []) {
  const entities = rule('entities', { cache: 'strict' })((_parent, args: { representations: { __typename: string }[] }, context: AuthContext) =>
    context.principal.kind !== 'anonymous' || args.representations.every((r) => publicEntityTypes.includes(r.__typename)) || unauthenticated(),
  );
  const tree = rules as Record<string, any>;
  return shield(
    { ...tree, Query: { ...(tree.Query ?? {}), _service: allow, _entities: entities }, _Service: allow },
    { fallbackRule: deny, allowExternalErrors: true, fallbackError: () => forbidden() },
  );
}

export { allow, deny, or, rule };
