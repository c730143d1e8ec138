import { Args, Ctx, Field, FieldResolver, ID, ObjectType, Query, Resolver, Root } from 'type-graphql';
import { Like } from 'typeorm';
import { z } from 'zod';
import { argsType, PageArgs, pageArgsShape, pageOffset, PageType, toPage } from '@ecg/infrastructure';
import type { CredentialContext } from '../context';
import { SelfServiceAccount } from '../self-service/self-service-account.entity';

const OrganizationLoginsArgs = argsType(
  'OrganizationLoginsArgs',
  // `search` first in invalidFields, as before; the SDL lists the page first.
  z.object({
    search: z
      .string()
      .trim()
      .min(3, 'needs 3 characters or more')
      .max(254, 'is at most 254 characters')
      .describe('Part of the user name (email), 3 characters or more.'),
    ...pageArgsShape,
  }),
  { extends: PageArgs },
);
type OrganizationLoginsArgs = InstanceType<typeof OrganizationLoginsArgs>;

/**
 * ESR's Local User Password Reset role (Password Reset Only) may re-enroll and unlock the logins
 * of its organization but may not read its contacts: it finds the login by user name instead.
 */
@ObjectType({ description: "A self-service login of the caller's organization, found by user name." })
export class OrganizationLogin {
  @Field(() => ID, { description: 'The contact the login belongs to: what reEnroll and unlock take.' })
  contactId: string;

  account: SelfServiceAccount;
}

@ObjectType({ description: 'One page of logins, by user name.' })
export class OrganizationLoginPage extends PageType(OrganizationLogin) {}

@Resolver(() => OrganizationLogin)
export class OrganizationLoginsResolver {
  @Query(() => OrganizationLoginPage, {
    description:
      'The self-service logins of your own organization whose user name contains `search`: for those who may re-enroll and unlock them.',
  })
  async organizationLogins(
    @Args(() => OrganizationLoginsArgs) args: OrganizationLoginsArgs,
    @Ctx() context: CredentialContext,
  ) {
    const principal = context.principal;
    // The rule lets only contacts with the right through; their own organization, nobody else's.
    if (principal.kind !== 'contact') return toPage([], 0, args);
    const pattern = `%${args.search.toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    const [accounts, total] = await context.dataSource.getRepository(SelfServiceAccount).findAndCount({
      where: { organizationId: principal.organizationId, userName: Like(pattern) },
      order: { userName: 'ASC' },
      skip: pageOffset(args),
      take: args.pageSize,
    });
    return toPage(
      accounts.map((account) => Object.assign(new OrganizationLogin(), { contactId: account.contactId, account })),
      total,
      args,
    );
  }

  @FieldResolver(() => SelfServiceAccount, { description: 'Its Self Service Details panel.' })
  account(@Root() login: OrganizationLogin) {
    return login.account;
  }
}
