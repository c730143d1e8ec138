import { Ctx, Directive, Field, FieldResolver, ID, ObjectType, Resolver, Root } from 'type-graphql';
import type { CredentialContext } from '../context';
import { StaffAccount } from '../staff-logins/staff-account.entity';

/** A staff member as others name them (in an audit trail): the display name, nothing of the login. */
@Directive('@key(fields: "id")')
@ObjectType({ description: 'A pension-system staff member, by name.' })
export class StaffMember {
  @Field(() => ID)
  id: string;

  constructor(id: string) {
    this.id = id;
  }
}

@Resolver(() => StaffMember)
export class StaffMemberResolver {
  @FieldResolver(() => String, { nullable: true, description: 'The name staff go by; null for one no longer known.' })
  async displayName(@Root() member: StaffMember, @Ctx() context: CredentialContext): Promise<string | null> {
    const staff = await context.dataSource.getRepository(StaffAccount).findOneBy({ id: member.id });
    return staff?.displayName ?? null;
  }
}

export const staffMemberReference = {
  StaffMember: { __resolveReference: (ref: { id: string }) => new StaffMember(ref.id) },
};
