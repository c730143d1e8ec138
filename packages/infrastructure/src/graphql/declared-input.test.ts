import 'reflect-metadata';
import { graphql, printSchema, type GraphQLSchema } from 'graphql';
import { Arg, Args, buildSchema, Query, registerEnumType, Resolver } from 'type-graphql';
import { z } from 'zod';
import { argsType, inputType } from './declared-input';
import { PageArgs, pageArgsShape } from './pagination';
import { assertArgumentsDeclared, validateArguments } from './validate';

enum Colour {
  RED = 'RED',
  BLUE = 'BLUE',
}
registerEnumType(Colour, { name: 'Colour' });

const person = z.object({
  lastName: z.string().trim().min(1, 'is required'),
  nickname: z
    .string()
    .trim()
    .nullish()
    .transform((v) => v || null)
    .describe('Empty means none.'),
  colours: z.array(z.nativeEnum(Colour)),
});
inputType('PersonInput', person, { description: 'A person.' });

const SaveArgs = argsType(
  'SaveArgs',
  z.object({ input: person, id: z.string().uuid('is not an id'), version: z.number().int().min(1) }),
);
type SaveArgs = InstanceType<typeof SaveArgs>;

const SearchArgs = argsType(
  'SearchArgs',
  z.object({ search: z.string().trim().min(1, 'is required').describe('What to look for.'), ...pageArgsShape }),
  { extends: PageArgs },
);
type SearchArgs = InstanceType<typeof SearchArgs>;

const ImportArgs = argsType('ImportArgs', z.object({ csv: z.string(), note: z.string().nullish() }), {
  multiline: ['csv'],
});
type ImportArgs = InstanceType<typeof ImportArgs>;

@Resolver()
class PeopleResolver {
  @Query(() => String)
  save(@Args(() => SaveArgs) args: SaveArgs) {
    return JSON.stringify(args);
  }

  @Query(() => String)
  search(@Args(() => SearchArgs) args: SearchArgs) {
    return JSON.stringify(args);
  }

  @Query(() => String)
  import(@Args(() => ImportArgs) args: ImportArgs) {
    return args.csv;
  }

  @Query(() => String)
  undeclared(@Arg('name', () => String) name: string) {
    return name;
  }
}

let schema: GraphQLSchema;
beforeAll(async () => {
  schema = await buildSchema({
    resolvers: [PeopleResolver],
    validate: false,
    validateFn: validateArguments,
  });
});

const run = (source: string) => graphql({ schema, source });

describe('argsType and inputType', () => {
  it('generate the SDL the zod schema describes: types, nullability, defaults, descriptions, parent fields first', () => {
    const sdl = printSchema(schema);
    expect(sdl).toContain(`"""A person."""
input PersonInput {
  lastName: String!

  """Empty means none."""
  nickname: String
  colours: [Colour!]!
}`);
    expect(sdl).toContain('save(input: PersonInput!, id: ID!, version: Int!): String!');
    expect(sdl).toContain(`search(
    """The page to return, starting at 1."""
    page: Int! = 1

    """Rows per page, 1 to 100."""
    pageSize: Int! = 10

    """What to look for."""
    search: String!
  ): String!`);
  });

  it('refuse a zod schema that says no GraphQL type, naming the field', () => {
    const NoType = argsType('NoType', z.object({ when: z.date() }));
    @Resolver()
    class NoTypeResolver {
      @Query(() => String)
      noType(@Args(() => NoType) _args: unknown) {
        return '';
      }
    }
    return expect(buildSchema({ resolvers: [NoTypeResolver] })).rejects.toThrow(/NoType\.when/);
  });
});

describe('the validate hook', () => {
  it('refuses bad arguments with one BAD_USER_INPUT naming every field by its path, and never calls the resolver', async () => {
    const { data, errors } = await run(
      '{ save(input: { lastName: "  ", colours: [RED] }, id: "1 OR 1=1", version: 0) }',
    );
    expect(data).toBeNull();
    expect(errors).toHaveLength(1);
    expect(errors![0].extensions).toEqual({
      code: 'BAD_USER_INPUT',
      invalidFields: [
        { field: 'input.lastName', message: 'is required' },
        { field: 'id', message: 'is not an id' },
        { field: 'version', message: expect.any(String) },
      ],
    });
  });

  it('names the fields in the order of the zod schema, whatever order the SDL lists them in', async () => {
    const { errors } = await run('{ search(search: "", pageSize: 1000) }');
    expect(errors![0].extensions?.invalidFields).toEqual([
      { field: 'search', message: 'is required' },
      { field: 'pageSize', message: 'must be at most 100' },
    ]);
  });

  it('hands the resolver the parsed values: trimmed, empty as null', async () => {
    const { data } = await run(
      '{ save(input: { lastName: "  Smith ", nickname: "   ", colours: [BLUE] }, id: "5f0c6e1e-8a7b-4f3e-9a57-3c2b1d0e9f8a", version: 2) }',
    );
    expect(JSON.parse(data!.save as string)).toEqual({
      input: { lastName: 'Smith', nickname: null, colours: ['BLUE'] },
      id: '5f0c6e1e-8a7b-4f3e-9a57-3c2b1d0e9f8a',
      version: 2,
    });
    expect(JSON.parse((await run('{ search(search: " ab ") }')).data!.search as string)).toEqual({
      search: 'ab',
      page: 1,
      pageSize: 10,
    });
  });

  it('refuses control characters in every string argument, line breaks only where declared multiline', async () => {
    const csv = await run('{ import(csv: "contact,email\\r\\nx,y\\n") }');
    expect(csv.data?.import).toBe('contact,email\r\nx,y\n');
    const bidi = await run('{ import(csv: "a\\u202Eb", note: "one\\ntwo") }');
    expect(bidi.errors?.[0].extensions).toEqual({
      code: 'BAD_USER_INPUT',
      invalidFields: [
        { field: 'csv', message: expect.stringContaining('U+202E') },
        { field: 'note', message: expect.stringContaining('U+000A') },
      ],
    });
    const nested = await run(
      '{ save(input: { lastName: "a\\u0000b", colours: [] }, id: "5f0c6e1e-8a7b-4f3e-9a57-3c2b1d0e9f8a", version: 1) }',
    );
    expect(nested.errors?.[0].extensions?.invalidFields).toEqual([
      { field: 'input.lastName', message: expect.stringContaining('U+0000') },
    ]);
  });

  it('fails a scalar @Arg that no argsType declares, rather than let it through unchecked', async () => {
    const { errors } = await run('{ undeclared(name: "x") }');
    expect(errors?.[0].message).toMatch(/not declared with argsType/);
  });

  it('is checked at start too: a bare @Arg or an undeclared @ArgsType stops the schema build, naming it', () => {
    expect(() => assertArgumentsDeclared([PeopleResolver])).toThrow(/PeopleResolver\.undeclared \(name\)/);
    @Resolver()
    class DeclaredResolver {
      @Query(() => String)
      declared(@Args(() => ImportArgs) args: ImportArgs) {
        return args.csv;
      }
    }
    expect(() => assertArgumentsDeclared([DeclaredResolver])).not.toThrow();
  });
});
