import 'reflect-metadata';
import { allow, deny, rule } from '@ecg/policy';
import { Field, FieldResolver, ObjectType, Query, Resolver } from 'type-graphql';
import { mergeModules, mergeRules } from './merge-modules';
import { buildModuleSchema } from './module-schema';
import { requestLoaders } from './module-loaders';
import type { BaseRequestContext } from '../server/request-context';

const ownRule = rule('own', { cache: 'no_cache' })(() => true);

describe('merging feature modules', () => {
  it("deep-merges two modules' rules for one type, field by field, and Query with Query", () => {
    const merged = mergeRules([
      { name: 'a', rules: { Query: { one: allow }, Organization: { id: allow, name: ownRule } } },
      { name: 'b', rules: { Query: { two: deny }, Organization: { contacts: ownRule }, ContactPage: allow } },
    ]) as Record<string, unknown>;
    expect(merged).toEqual({
      Query: { one: allow, two: deny },
      Organization: { id: allow, name: ownRule, contacts: ownRule },
      ContactPage: allow,
    });
  });

  it('refuses to start when two modules guard the same field, naming both', () => {
    expect(() =>
      mergeRules([
        { name: 'contact', rules: { Organization: { contacts: allow } } },
        { name: 'organization', rules: { Organization: { contacts: deny } } },
      ]),
    ).toThrow('The rule for Organization.contacts is defined twice: in modules "contact" and "organization"');
  });

  it('refuses a whole-type rule beside field rules of the same type', () => {
    expect(() =>
      mergeRules([
        { name: 'a', rules: { Contact: { id: allow } } },
        { name: 'b', rules: { Contact: allow } },
      ]),
    ).toThrow('The rule for Contact is defined twice: in modules "a" and "b"');
  });

  it('refuses two loaders or two reference resolvers of one name, and two mutation guards', () => {
    const make = () => null;
    expect(() =>
      mergeModules([
        { name: 'a', loaders: { contact: make } },
        { name: 'b', loaders: { contact: make } },
      ]),
    ).toThrow('The loader contact is defined twice: in modules "a" and "b"');
    const reference = { __resolveReference: () => null };
    expect(() =>
      mergeModules([
        { name: 'a', references: { Contact: reference } },
        { name: 'b', references: { Contact: reference } },
      ]),
    ).toThrow('The reference resolver for Contact is defined twice: in modules "a" and "b"');
    expect(() =>
      mergeModules([
        { name: 'a', everyMutation: ownRule },
        { name: 'b', everyMutation: ownRule },
      ]),
    ).toThrow('Only one module may guard every mutation: "a", "b" do');
  });

  it('refuses two resolvers of one field from different modules', async () => {
    @ObjectType()
    class Thing {
      @Field(() => String) name: string;
    }
    @Resolver(() => Thing)
    class FirstThings {
      @Query(() => Thing) thing(): Thing {
        return { name: 'first' };
      }
    }
    @Resolver(() => Thing)
    class SecondThings {
      @Query(() => Thing) thing(): Thing {
        return { name: 'second' };
      }
    }
    const merged = mergeModules([
      { name: 'first', resolvers: [FirstThings] },
      { name: 'second', resolvers: [SecondThings] },
    ]);
    await expect(buildModuleSchema(merged)).rejects.toThrow(
      'Query.thing is resolved twice: by FirstThings and by SecondThings',
    );
  });

  it('refuses two resolvers of one field of an object type', async () => {
    @ObjectType('Organization')
    class OrganizationStub {
      @Field(() => String) id: string;
    }
    @Resolver(() => OrganizationStub)
    class Organizations {
      @Query(() => OrganizationStub) organizationStub(): OrganizationStub {
        return { id: '1' };
      }
      @FieldResolver(() => String) contacts(): string {
        return 'from the first';
      }
    }
    @Resolver(() => OrganizationStub)
    class MoreOrganizations {
      @FieldResolver(() => String) contacts(): string {
        return 'from the second';
      }
    }
    const merged = mergeModules([{ name: 'a', resolvers: [Organizations, MoreOrganizations] }]);
    await expect(buildModuleSchema(merged)).rejects.toThrow(
      'Organization.contacts is resolved twice: by Organizations and by MoreOrganizations',
    );
  });

  it('makes each loader on first use, once per request', () => {
    let made = 0;
    const create = requestLoaders(
      new Map([
        ['counted', () => ({ n: ++made })],
        ['unused', () => ({ n: ++made })],
      ]),
    );
    const request = {} as BaseRequestContext;
    const loaders = create(request, undefined) as { counted: { n: number } };
    expect(made).toBe(0);
    const first = loaders.counted;
    expect(loaders.counted).toBe(first);
    expect(made).toBe(1);
    expect((create(request, undefined) as { counted: { n: number } }).counted).not.toBe(first);
  });
});
