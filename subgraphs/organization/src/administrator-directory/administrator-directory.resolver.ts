import { Args, Ctx, Query, Resolver } from 'type-graphql';
import { z } from 'zod';
import { argsType, consumeRateLimit } from '@ecg/infrastructure';
import type { OrganizationContext } from '../context';
import { searchOrganizations } from '../organization/organization.search';
import { AdministratorDirectoryEntry } from './administrator-directory-entry';

/** Public, so limited per client address: enough for a person, too few to harvest names. */
export const FIND_ADMINISTRATORS_LIMIT = { limit: 20, windowSeconds: 60 };

const FindAdministratorsArgs = argsType(
  'FindAdministratorsArgs',
  z.object({
    organization: z.string().trim().min(2, 'needs 2 characters or more').max(100, 'is at most 100 characters'),
  }),
);
type FindAdministratorsArgs = InstanceType<typeof FindAdministratorsArgs>;

@Resolver(() => AdministratorDirectoryEntry)
export class AdministratorDirectoryResolver {
  @Query(() => [AdministratorDirectoryEntry], {
    description:
      'Public: the organizations matching a code or name (at most 10), each with the names of its active Administrators.',
  })
  async findAdministrators(
    @Args(() => FindAdministratorsArgs) args: FindAdministratorsArgs,
    @Ctx() context: OrganizationContext,
  ) {
    await consumeRateLimit(context.dataSource, `findAdministrators:${context.req.ip}`, FIND_ADMINISTRATORS_LIMIT);
    const [organizations] = await searchOrganizations(context.dataSource, args.organization, { page: 1, pageSize: 10 });
    return organizations.map((o) =>
      Object.assign(new AdministratorDirectoryEntry(), {
        organizationId: o.id,
        organizationCode: o.code,
        organizationName: o.name,
        helpMessage: o.helpMessage,
      }),
    );
  }

  @Query(() => String, {
    nullable: true,
    description:
      "Public: how to reach the pension system's employer helpdesk (HELPDESK_CONTACT), for a person whose organization or administrator is not found.",
  })
  helpdeskContact(@Ctx() context: OrganizationContext): string | null {
    return context.services.helpdeskContact;
  }

  @Query(() => String, {
    description:
      'Public: the IANA time zone (DISPLAY_TIME_ZONE) every time is shown in, on screens as in the mails, with the zone named.',
  })
  displayTimeZone(@Ctx() context: OrganizationContext): string {
    return context.services.displayTimeZone;
  }
}
