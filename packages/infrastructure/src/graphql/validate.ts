import type { ValidatorFn } from 'type-graphql';
import type { z } from 'zod';
import { declaredArguments } from './declared-input';
import { badUserInput, type InvalidField } from './errors';

// What no typed text needs and what makes stored text lie: C0 controls (NUL, ESC, CR, LF, ...),
// DEL, C1 controls, the bidirectional embeddings, overrides and isolates (text that reads
// differently from what was typed: "Trojan Source"), and the Unicode line and paragraph separators.
const CONTROL = /[\u0000-\u001F\u007F-\u009F\u202A-\u202E\u2066-\u2069\u2028\u2029]/u;
// The same, except tab, line feed and carriage return: for the few inputs that are files (a CSV).
const CONTROL_IN_MULTILINE =
  /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F\u202A-\u202E\u2066-\u2069\u2028\u2029]/u;

export interface ValidateOptions {
  /** Argument paths (`csv`) whose text may span lines: tab, CR and LF are allowed there, nothing else is. */
  multiline?: string[];
}

const codePoint = (ch: string) => `U+${ch.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}`;

/** Every string anywhere in `value` that holds a control character, by its argument path. */
export function controlCharacterFields(
  value: unknown,
  options: ValidateOptions = {},
  path: string[] = [],
): InvalidField[] {
  if (typeof value === 'string') {
    const field = path.join('.') || '(arguments)';
    const found = (options.multiline?.includes(field) ? CONTROL_IN_MULTILINE : CONTROL).exec(value);
    return found
      ? [
          {
            field,
            message: `must not contain control or bidirectional formatting characters (found ${codePoint(found[0])})`,
          },
        ]
      : [];
  }
  if (Array.isArray(value))
    return value.flatMap((item, i) => controlCharacterFields(item, options, [...path, String(i)]));
  if (value && typeof value === 'object')
    return Object.entries(value).flatMap(([key, item]) => controlCharacterFields(item, options, [...path, key]));
  return [];
}

/**
 * Parse arguments with a zod schema; invalid input becomes one BAD_USER_INPUT error naming every
 * offending field. Every string argument, however deep, is also refused if it holds a control
 * character: one check here covers every text input of every subgraph.
 */
export function parseArguments<T extends z.ZodType>(
  schema: T,
  args: unknown,
  options: ValidateOptions = {},
): z.output<T> {
  const controls = controlCharacterFields(args, options);
  const result = schema.safeParse(args);
  if (result.success && controls.length === 0) return result.data;
  const issues = result.success
    ? []
    : result.error.issues.map((issue) => ({ field: issue.path.join('.') || '(arguments)', message: issue.message }));
  const named = new Set(controls.map((c) => c.field));
  throw badUserInput([...controls, ...issues.filter((issue) => !named.has(issue.field))]);
}

/**
 * type-graphql's `validateFn`: every resolver's arguments are one `argsType()` class, parsed here
 * before the resolver runs. The resolver gets the parsed values (trimmed, empty as null) in the
 * same instance type-graphql hands on, since a validate hook cannot return a new one.
 */
export const validateArguments: ValidatorFn = (value, type) => {
  const declared = declaredArguments(type);
  if (!declared || !value || typeof value !== 'object') {
    // A programming error, found by the first test that calls the field: a scalar `@Arg` or a
    // hand-written `@ArgsType` would otherwise reach the resolver unchecked.
    const name = (type as { name?: string } | undefined)?.name ?? typeof type;
    throw new Error(`Arguments of type ${name} are not declared with argsType(): use @Args(() => SomeArgs)`);
  }
  const parsed = parseArguments(declared.schema, value, { multiline: declared.multiline }) as object;
  const instance = value as Record<string, unknown>;
  for (const key of Object.keys(instance)) delete instance[key];
  Object.assign(instance, parsed);
};

interface ArgumentParameter {
  kind: string;
  target: object;
  methodName: string;
  name?: string;
  getType?: () => unknown;
}

/**
 * At start rather than at the first call: every argument of these resolvers is an `argsType()`.
 * Reads type-graphql's own metadata (a global it keeps, not exported by the package); when a
 * later version keeps it elsewhere this check finds nothing and the hook's own check remains.
 */
export function assertArgumentsDeclared(resolvers: readonly unknown[]): void {
  const storage = (globalThis as { TypeGraphQLMetadataStorage?: { params: ArgumentParameter[] } })
    .TypeGraphQLMetadataStorage;
  const undeclared = (storage?.params ?? [])
    .filter((p) => resolvers.includes(p.target))
    .filter((p) => p.kind === 'arg' || (p.kind === 'args' && !declaredArguments(p.getType?.())))
    .map((p) => `${(p.target as { name: string }).name}.${p.methodName}${p.name ? ` (${p.name})` : ''}`);
  if (undeclared.length)
    throw new Error(`Arguments not declared with argsType(), use @Args(() => SomeArgs): ${undeclared.join(', ')}`);
}
