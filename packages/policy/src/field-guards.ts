import { isIntrospectionType, isObjectType, type GraphQLResolveInfo, type GraphQLSchema } from 'graphql';
import { middleware, type IMiddlewareFieldMap, type IMiddlewareGenerator } from 'graphql-middleware';
import { allow, chain, deny, or, rule, shield, type IRule, type IRules } from 'graphql-shield';

type IOptionsConstructor = Parameters<typeof shield>[1];

/**
 * graphql-shield's rule tree, applied to every field of every object type as shield applies it
 * (the field's rule, else its type's `'*'`, else the fallback), but decided synchronously when
 * the rules can be: shield's own field middleware and every rule's `resolve` are `async`, so each
 * field of each row (a page of 100 contacts has 600) cost a handful of promises and graphql-js
 * completed every scalar asynchronously. Same rules, same order, same answers: a rule that
 * returns a promise is awaited; what this does not know (and, race, not) is left to shield's
 * own `resolve`.
 */

type Decision = boolean | string | Error;
type Context = { _shield?: { cache: Record<string, unknown> } } | null | undefined;
interface AnyRule {
  resolve(parent: unknown, args: unknown, ctx: unknown, info: GraphQLResolveInfo, options: unknown): unknown;
}
interface PlainRule extends AnyRule {
  // Rule#executeRule: the rule's function through its cache option (shield's own code, kept).
  executeRule(parent: unknown, args: unknown, ctx: unknown, info: GraphQLResolveInfo, options: unknown): unknown;
}
interface LogicRule extends AnyRule {
  getRules(): AnyRule[];
}
// graphql-shield does not export its rule classes: the kinds are told apart by the constructors
// of instances made once.
const RULE = rule('fieldGuards:probe')(() => true).constructor;
const OR = or().constructor;
const TRUE = allow.constructor;
const FALSE = deny.constructor;
const CHAIN = chain().constructor;

/** A rule that decides synchronously when it can (see `oncePerObject`); shield awaits it either way. */
export const SYNCHRONOUS = Symbol('decides synchronously when it can');

export interface GuardOptions {
  /** What a refused field answers (shield's `fallbackError`). */
  fallbackError: (err: unknown, parent: unknown, args: unknown, ctx: unknown, info: GraphQLResolveInfo) => Error;
}

const isPromise = (value: unknown): value is Promise<unknown> =>
  typeof value === 'object' && value !== null && typeof (value as Promise<unknown>).then === 'function';

/** Rule#resolve's reading of a rule function's answer. */
const normalize = (res: unknown): Decision =>
  res instanceof Error ? res : typeof res === 'string' ? new Error(res) : res === true;

/** RuleOr#resolve's reading of its rules' decisions. */
const anyTrue = (results: Decision[]): Decision =>
  results.some((r) => r === true) ? true : (results.find((r) => r instanceof Error) ?? false);

/**
 * What `rule.resolve(...)` resolves to, as a value when no rule on the way returned a promise.
 * Shield's `debug` option is on (see `permissions()`): a rule that throws rejects, as it does there.
 */
export function decideRule(
  guard: unknown,
  parent: unknown,
  args: unknown,
  ctx: unknown,
  info: GraphQLResolveInfo,
  options: unknown,
): Decision | Promise<Decision> {
  const kind = (guard as object).constructor;
  if (kind === TRUE) return true;
  if (kind === FALSE) return false;
  if (kind === RULE && SYNCHRONOUS in (guard as object))
    return (guard as AnyRule).resolve(parent, args, ctx, info, options) as Decision | Promise<Decision>;
  if (kind === RULE) {
    const res = (guard as PlainRule).executeRule(parent, args, ctx, info, options);
    return isPromise(res) ? res.then(normalize) : normalize(res);
  }
  if (kind === OR) {
    // Every rule is asked, as RuleOr does (all at once), then the first true wins.
    const results = (guard as LogicRule).getRules().map((r) => decideRule(r, parent, args, ctx, info, options));
    return results.some(isPromise)
      ? Promise.all(results.map((r) => Promise.resolve(r))).then(anyTrue)
      : anyTrue(results as Decision[]);
  }
  if (kind === CHAIN) {
    // One after another, stopping at the first that is not true, as RuleChain does.
    const rules = (guard as LogicRule).getRules();
    const from = (i: number): Decision | Promise<Decision> => {
      for (; i < rules.length; i++) {
        const res = decideRule(rules[i], parent, args, ctx, info, options);
        if (isPromise(res)) return res.then((r) => (r === true ? from(i + 1) : r));
        if (res !== true) return res;
      }
      return true;
    };
    return from(0);
  }
  return (guard as AnyRule).resolve(parent, args, ctx, info, options) as Promise<Decision>;
}

/**
 * Rules here cache per request or not at all: shield's "strict" and keyed caches hash every
 * parent (which cost more than they saved) and need its hash function; refused at start.
 */
function supported(guard: object): object {
  const { cache, name } = guard as Partial<IRule> & { cache?: unknown };
  if (guard.constructor === RULE && cache !== 'no_cache' && cache !== 'contextual')
    throw new Error(`rule ${name}: only 'no_cache' and 'contextual' rules are supported`);
  for (const inner of (guard as Partial<LogicRule>).getRules?.() ?? []) supported(inner);
  return guard;
}

/**
 * Shield's field middleware (debug and allowExternalErrors on), without a promise when none is
 * needed: an allowed field whose resolver answers synchronously is answered synchronously. A
 * refusal or a failure stays asynchronous, as it was: graphql-js stops completing an object's
 * other fields (and a list's other items) at a synchronous error in a non-null field, and every
 * field's refusal must still be reported as before.
 */
function guardField(guard: unknown, options: GuardOptions & Record<string, unknown>) {
  const after = (
    res: Decision,
    resolve: (...a: unknown[]) => unknown,
    parent: unknown,
    args: unknown,
    ctx: unknown,
    info: GraphQLResolveInfo,
  ): unknown => {
    if (res === true) return resolve(parent, args, ctx, info);
    if (res === false) return Promise.resolve(options.fallbackError(null, parent, args, ctx, info));
    return Promise.resolve(res);
  };
  return (
    resolve: (...a: unknown[]) => unknown,
    parent: unknown,
    args: unknown,
    ctx: Context,
    info: GraphQLResolveInfo,
  ): unknown => {
    ctx ??= {};
    ctx._shield ??= { cache: {} };
    try {
      const res = decideRule(guard, parent, args, ctx, info, options);
      return isPromise(res)
        ? res.then((r) => after(r, resolve, parent, args, ctx, info))
        : after(res, resolve, parent, args, ctx, info);
    } catch (error) {
      // Rejected, as shield's `async` middleware would have.
      return (async () => {
        throw error;
      })();
    }
  };
}

/**
 * `shield(ruleTree, options)` with synchronous decisions where the rules allow them. Shield
 * still checks the tree (its rule names, types and fields against the schema) when the
 * middleware is generated: the same refusals at start.
 */
export function fieldGuards<TContext>(
  // A rule, or a map of field names to rules, by type name (shield's IRules; its logic rules are
  // typed apart from IRule, so the tree is taken as it comes).
  ruleTree: Record<string, object>,
  options: GuardOptions & { fallbackRule: object },
): IMiddlewareGenerator<unknown, TContext, unknown> {
  const shieldOptions = { ...options, debug: true, allowExternalErrors: true };
  const checked = shield<unknown, TContext, unknown>(ruleTree as IRules, shieldOptions as IOptionsConstructor);
  const generator = middleware((schema: GraphQLSchema) => {
    checked.generate(schema); // shield's own checks: rules for types or fields the schema lacks
    const map: Record<string, IMiddlewareFieldMap> = {};
    for (const [typeName, type] of Object.entries(schema.getTypeMap())) {
      if (isIntrospectionType(type) || !isObjectType(type)) continue;
      const rules = ruleTree[typeName] as Record<string, object> | AnyRule | undefined;
      const fields: IMiddlewareFieldMap = {};
      for (const field of Object.keys(type.getFields())) {
        const guard =
          rules === undefined
            ? options.fallbackRule
            : typeof rules.resolve === 'function'
              ? rules
              : ((rules as Record<string, object>)[field] ??
                (rules as Record<string, object>)['*'] ??
                options.fallbackRule);
        fields[field] = guardField(supported(guard), shieldOptions) as never;
      }
      map[typeName] = fields;
    }
    return map;
  });
  return generator as IMiddlewareGenerator<unknown, TContext, unknown>;
}
