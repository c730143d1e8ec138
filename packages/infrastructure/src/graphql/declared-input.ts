import { ArgsType, Field, Float, ID, InputType, Int, type ClassType } from 'type-graphql';
import { z } from 'zod';

/*
 * Arguments and inputs are declared once, as a zod schema: the type-graphql class (and so the
 * SDL) is generated from it, and the `validateFn` hook (validate.ts) parses every argument set
 * with it before the resolver runs. A GraphQL type is read off each field:
 *
 *   z.string()                     String            z.string().uuid()      ID
 *   z.number().int()               Int               z.number()             Float
 *   z.boolean()                    Boolean           z.nativeEnum(E)        E (registered with registerEnumType)
 *   z.array(x)                     [x!]              an inputType()'s schema  that input type
 *   .nullish() / .optional() / .nullable()   nullable      .default(v)   `= v` in the SDL
 *   .describe('...')               the field's description     .transform(...) / .refine(...)   no effect on the type
 *
 * and `fields: { name: () => Type }` overrides where the schema cannot say (a custom scalar).
 *
 * Why zod first rather than class-validator decorators: the schemas also transform (trim, empty
 * means null) and refine across fields (confirmPrimaryEmail); class-validator would only check,
 * every transform would stay hand-written in the resolvers, and the decorators would be a second
 * language beside the zod already used for configuration and routes.
 */

/** A GraphQL type as type-graphql's `@Field(() => ...)` takes it. */
type TypeThunk = () => unknown;

export interface DeclaredArguments {
  schema: z.ZodType;
  /** Argument paths (`csv`) whose text may span lines: tab, CR and LF are allowed there, nothing else is. */
  multiline: string[];
}

/** Every `argsType()` class, by class: what the validate hook parses an argument set with. */
const argumentSets = new Map<object, DeclaredArguments>();
/** Every `inputType()` schema, by schema: a field holding that schema has that input type. */
const inputTypes = new Map<z.ZodType, ClassType>();

export const declaredArguments = (type: unknown): DeclaredArguments | undefined => argumentSets.get(type as object);

interface FieldShape {
  type: TypeThunk;
  nullable: boolean;
  defaultValue?: unknown;
  description?: string;
}

/** The GraphQL type of a zod schema without its wrappers. */
function baseType(schema: z.ZodType, path: string): unknown {
  if (schema instanceof z.ZodString) return schema.format === 'uuid' ? ID : String;
  if (schema instanceof z.ZodNumber) return schema.isInt ? Int : Float;
  if (schema instanceof z.ZodBoolean) return Boolean;
  // nativeEnum keeps the enum object itself: type-graphql finds the registered enum by it.
  if (schema instanceof z.ZodEnum) return schema.enum;
  if (schema instanceof z.ZodArray) {
    const item = unwrap(schema.element as z.ZodType);
    if (item.nullable) throw new Error(`${path}: nullable list items are not supported; give the type in \`fields\``);
    return [baseType(item.schema, path)];
  }
  const input = inputTypes.get(schema);
  if (input) return input;
  throw new Error(
    `${path}: no GraphQL type follows from this zod schema; declare nested objects with inputType() or give the type in \`fields\``,
  );
}

/** Peel optional, nullable, default, transform and describe off a field's schema. */
function unwrap(field: z.ZodType) {
  let schema = field;
  const found: Omit<FieldShape, 'type'> = { nullable: false };
  for (;;) {
    found.description ??= schema.description;
    if (schema instanceof z.ZodOptional || schema instanceof z.ZodNullable) {
      found.nullable = true;
      schema = schema.unwrap() as z.ZodType;
    } else if (schema instanceof z.ZodDefault) {
      found.defaultValue = schema.def.defaultValue;
      schema = schema.unwrap() as z.ZodType;
    } else if (schema instanceof z.ZodPipe) {
      schema = schema.in as z.ZodType;
    } else return { ...found, schema };
  }
}

interface DeclareOptions<Shape> {
  description?: string;
  /** A field's GraphQL type where the schema cannot tell it (a custom scalar, an object type). */
  fields?: { [K in keyof Shape]?: TypeThunk };
}

function declareFields(target: ClassType, schema: z.ZodObject, options: DeclareOptions<object>, skip: Set<string>) {
  const overrides = (options.fields ?? {}) as Record<string, TypeThunk | undefined>;
  for (const [name, field] of Object.entries(schema.shape)) {
    if (skip.has(name)) continue;
    const path = `${target.name}.${name}`;
    const { nullable, defaultValue, description, schema: base } = unwrap(field as z.ZodType);
    // Lazy, like every type-graphql thunk: an input type declared further down is found at build.
    const type = overrides[name] ?? (() => baseType(base, path));
    Field(type as never, { nullable, defaultValue, description })(target.prototype, name);
  }
}

/** A class named `name` (type-graphql and stack traces show it), extending `parent` if given. */
function namedClass(name: string, parent?: ClassType): ClassType {
  const base = parent ?? class {};
  return { [name]: class extends base {} }[name];
}

/**
 * An input type generated from a zod object: `export const AddressInput = inputType('AddressInput',
 * addressSchema, { description })`. A field of another declaration holding `addressSchema` gets
 * this type; the schema validates wherever the argument set that holds it is parsed.
 */
export function inputType<S extends z.ZodObject>(
  name: string,
  schema: S,
  options: DeclareOptions<S['shape']> = {},
): ClassType<z.output<S>> {
  const target = namedClass(name);
  declareFields(target, schema, options, new Set());
  InputType(name, { description: options.description })(target);
  inputTypes.set(schema, target);
  return target as ClassType<z.output<S>>;
}

interface ArgsOptions<Shape> extends DeclareOptions<Shape> {
  /**
   * An argument set whose fields come first in the SDL, as a subclass's do in type-graphql
   * (`page`, `pageSize`, then the rest); `schema` holds every field, the parent's included.
   */
  extends?: ClassType;
  /** Arguments (`csv`) that are files: tab, CR and LF are allowed there, other control characters still not. */
  multiline?: (keyof Shape & string)[];
}

/**
 * A resolver's arguments generated from a zod object, for `@Args(() => LoginArgs) args: LoginArgs`:
 * `export const LoginArgs = argsType('LoginArgs', z.object({ ... }))` and
 * `export type LoginArgs = InstanceType<typeof LoginArgs>` (the parsed values: trimmed, empty as null).
 * The SDL lists the arguments in the order of the shape.
 */
export function argsType<S extends z.ZodObject>(
  name: string,
  schema: S,
  options: ArgsOptions<S['shape']> = {},
): ClassType<z.output<S>> {
  const parent = options.extends && argumentSets.get(options.extends);
  if (options.extends && !parent) throw new Error(`${name}: extends a class not declared with argsType()`);
  const target = namedClass(name, options.extends);
  declareFields(target, schema, options, new Set(parent ? Object.keys((parent.schema as z.ZodObject).shape) : []));
  ArgsType()(target);
  argumentSets.set(target, { schema, multiline: options.multiline ?? [] });
  return target as ClassType<z.output<S>>;
}
