import { Args, Ctx, FieldResolver, ID, Resolver, Root } from 'type-graphql';
import { z } from 'zod';
import { argsType } from '@ecg/infrastructure';
import type { CredentialContext } from '../context';
import { Organization } from '../organization/organization.entity';
import { SelfServiceAccount } from '../self-service/self-service-account.entity';
import { SelfServiceStatus } from '../self-service/self-service-status';

const LoginStatusArgs = argsType(
  'LoginStatusArgs',
  z.object({
    status: z.nativeEnum(SelfServiceStatus).nullish().describe('Only logins in this status; every login when omitted.'),
  }),
);
type LoginStatusArgs = InstanceType<typeof LoginStatusArgs>;

@Resolver(() => Organization)
export class OrganizationLoginsResolver {
  @FieldResolver(() => [ID], {
    description:
      "The contacts of the organization that have a self-service login in this status (every login's contact when none is given): the contact list's filter by the Self Service Details panel's Status.",
  })
  async selfServiceContactIds(
    @Root() organization: Organization,
    @Args(() => LoginStatusArgs) { status }: LoginStatusArgs,
    @Ctx() context: CredentialContext,
  ): Promise<string[]> {
    // One indexed read of ids only, whatever the organization's size; the status is the panel's own column.
    const rows = await context.dataSource.getRepository(SelfServiceAccount).find({
      select: { contactId: true },
      where: { organizationId: organization.id, ...(status ? { status } : {}) },
    });
    return rows.map((row) => row.contactId);
  }
}
