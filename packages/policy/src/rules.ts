import { GraphQLError } from 'graphql';
import { allow, chain, deny, or, race, rule } from 'graphql-shield';
import type { IRules } from 'graphql-shield';
import { appError } from './errors';
import { atLeast, levelFor, type Level } from './capability-matrix';
import type { Principal } from './principal';
import { decideRule, fieldGuards, SYNCHRONOUS } from './field-guards';
import { unauthenticated } from './token-verifier';

export interface AuthContext {
  principal: Principal;
}

export function forbidden(message = 'You do not have permission to do this.'): GraphQLError {
  return appError('FORBIDDEN', message);
}

/** The organization an object belongs to, from the field's parent and arguments (may load). */
// graphql-shield hands rules untyped parents and arguments; each scope is written against its own
// entity and argument types, so the boundary stays `any` here.
/* eslint-disable @typescript-eslint/no-explicit-any */
export type ScopeOf = (
  parent: any,
  args: any,
  context: any,
) => string | null | undefined | Promise<string | null | undefined>;
/* eslint-enable @typescript-eslint/no-explicit-any */

export const isAuthenticated = rule('isAuthenticated', { cache: 'contextual' })(
  (_parent, _args, context: AuthContext) => (context.principal.kind === 'anonymous' ? unauthenticated() : true),
);

export const isStaff = rule('isStaff', { cache: 'contextual' })((_parent, _args, context: AuthContext) =>
  context.principal.kind === 'anonymous' ? unauthenticated() : context.principal.kind === 'staff',
);

/** Any signed-in contact (whatever its types) or staff: e.g. changing one's own password. */
export const isSignedInPerson = rule('isSignedInPerson', { cache: 'contextual' })(
  (_parent, _args, context: AuthContext) =>
    context.principal.kind === 'anonymous'
      ? unauthenticated()
      : context.principal.kind === 'contact' || context.principal.kind === 'staff',
);

/**
 * The one decision every permission derives from: may `principal` use `functionKey` at `level`
 * in `organizationId`? Staff may do anything anywhere; other services may read; a contact only
 * in its own organization, and not while it must change its password. True, or the error to give.
 */
export function decide(
  principal: Principal,
  functionKey: string,
  level: Exclude<Level, 'NONE'>,
  organizationId: string | null | undefined,
): true | GraphQLError {
  switch (principal.kind) {
    case 'anonymous':
      return unauthenticated();
    case 'staff':
      return true;
    case 'service':
      return level === 'READ' ? true : forbidden();
    case 'contact':
      if (principal.passwordChangeRequired) return forbidden('Change your temporary password first.');
      return atLeast(levelFor(principal.contactTypes, functionKey), level) &&
        organizationId === principal.organizationId
        ? true
        : forbidden();
  }
}

// Rules that read the parent or arguments are not cached: they are cheap (a matrix lookup and a
// per-request loader), while shield's "strict" cache hashes every parent object it sees, which
// cost more than half the CPU of a contacts page.
// graphql-shield wants one instance per rule name: the same right on the same scope is one rule.
const rules = new Map<string, ReturnType<ReturnType<typeof rule>>>();
const once = (name: string, make: () => ReturnType<ReturnType<typeof rule>>) =>
  rules.get(name) ?? rules.set(name, make()).get(name)!;

/**
 * The rule every field permission derives from: `decide` for the organization `scope` names.
 * `scopeName` names the scope; a second `can` with the same function, level and scope name is
 * the same rule.
 */
export function can(functionKey: string, level: Exclude<Level, 'NONE'>, scope: ScopeOf, scopeName: string) {
  levelFor([], functionKey); // fail at start, not at request time, on a function the matrix lacks
  return once(`can:${functionKey}:${level}:${scopeName}`, () =>
    rule(`can:${functionKey}:${level}:${scopeName}`, { cache: 'no_cache' })((parent, args, context: AuthContext) => {
      const principal = context.principal;
      // Only a contact's decision depends on the organization: don't load it for anyone else.
      if (principal.kind !== 'contact') return decide(principal, functionKey, level, null);
      // Synchronous unless the scope loads (then the field waits for it).
      const organizationId = scope(parent, args, context);
      return organizationId instanceof Promise
        ? organizationId.then((id) => decide(principal, functionKey, level, id))
        : decide(principal, functionKey, level, organizationId);
    }),
  );
}

/**
 * The caller holds `level` on `functionKey` in its own organization, whatever object is asked
 * for: for fields whose organization is not known yet (the object's own rules then scope it).
 * `duringPasswordChange` lets a token that may only change the password through.
 */
export function holds(
  functionKey: string,
  level: Exclude<Level, 'NONE'>,
  options: { duringPasswordChange?: boolean } = {},
) {
  levelFor([], functionKey);
  const name = `holds:${functionKey}:${level}:${options.duringPasswordChange ? 'pcr' : ''}`;
  return once(name, () =>
    rule(name, { cache: 'contextual' })((_parent, _args, context: AuthContext) => {
      const principal = context.principal;
      if (principal.kind === 'anonymous') return unauthenticated();
      if (principal.kind === 'staff') return true;
      if (principal.kind === 'service') return level === 'READ';
      if (principal.passwordChangeRequired && !options.duringPasswordChange)
        return forbidden('Change your temporary password first.');
      return atLeast(levelFor(principal.contactTypes, functionKey), level);
    }),
  );
}

export type Rule = ReturnType<ReturnType<typeof rule>>;
type AnyRule = Rule | ReturnType<typeof or>;
/** Rules by type, and by field where a type's fields differ: what a feature module declares. */
export type RuleTree = IRules;

/**
 * `inner`, decided once per object and request instead of once per field: for a type's `'*'`
 * rule, which shield evaluates again for every field of every row (a page of 100 contacts with 6
 * fields asked it 600 times). Only for rules that read the parent and the context, never the
 * field's arguments or `info`: the first field's decision stands for every field of that object.
 * Keyed by object identity in a WeakMap per request context, so nothing is hashed and it all goes
 * with the request (shield's own "strict" cache hashes every parent, which cost more than it saved).
 */
export function oncePerObject(name: string, inner: AnyRule): Rule {
  const decisions = new WeakMap<object, WeakMap<object, ReturnType<typeof decideRule>>>();
  const memo = rule(`oncePerObject:${name}`, { cache: 'no_cache' })(() => false);
  // A decision, or its promise when a rule on the way loads something: shield awaits either.
  memo.resolve = ((parent, args, context, info, options) => {
    if (parent === null || typeof parent !== 'object' || context === null || typeof context !== 'object')
      return decideRule(inner, parent, args, context, info, options);
    let perRequest = decisions.get(context);
    if (!perRequest) decisions.set(context, (perRequest = new WeakMap()));
    if (perRequest.has(parent)) return perRequest.get(parent)!;
    const decision = decideRule(inner, parent, args, context, info, options);
    perRequest.set(parent, decision);
    return decision;
  }) as Rule['resolve'];
  return Object.assign(memo, { [SYNCHRONOUS]: true });
}

export interface PermissionOptions {
  /**
   * Checked before every mutation: is the caller's session still what its token says (not signed
   * out, still active, still holding its types)? Reads may trust the token until the revocation
   * list catches up (seconds); a change must not.
   */
  currentSession?: Rule;
}

/**
 * Wraps a subgraph's rule tree: anything not named is denied; federation's `_service` stays open
 * for composition; `_entities` needs a token unless every representation is of a public type.
 */
export function permissions(rules: IRules, publicEntityTypes: string[] = [], options: PermissionOptions = {}) {
  const entities = rule('entities', { cache: 'no_cache' })(
    (_parent, args: { representations: { __typename: string }[] }, context: AuthContext) =>
      context.principal.kind !== 'anonymous' ||
      args.representations.every((r) => publicEntityTypes.includes(r.__typename)) ||
      unauthenticated(),
  );
  const tree = rules as Record<string, Record<string, Rule>>;
  const current = options.currentSession;
  const mutations: Record<string, unknown> =
    current && tree.Mutation
      ? {
          Mutation: Object.fromEntries(
            Object.entries(tree.Mutation).map(([field, guard]) => [field, chain(current, guard)]),
          ),
        }
      : {};
  // Shield's semantics with `debug` and `allowExternalErrors` on: what a resolver or rule throws is
  // rethrown rather than returned as a value (a returned error from another realm, a driver's
  // socket error, is not `instanceof Error` to graphql-js and would be served as data; thrown, it
  // becomes a proper error, SERVICE_UNAVAILABLE for the database). Decided synchronously where
  // the rules allow (field-guards.ts).
  return fieldGuards<AuthContext>(
    {
      ...tree,
      ...mutations,
      Query: { ...(tree.Query ?? {}), _service: allow, _entities: entities },
      _Service: allow,
    },
    { fallbackRule: deny, fallbackError: () => forbidden() },
  );
}

export { allow, chain, deny, or, race, rule };
