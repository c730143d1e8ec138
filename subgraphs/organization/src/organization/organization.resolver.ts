import { Arg, Args, Ctx, ObjectType, Query, Resolver } from 'type-graphql';
import { z } from 'zod';
import { PageType, toPage, validateArgs } from '@ecg/infrastructure';
import type { OrganizationContext } from '../context';
import { Organization } from './organization.entity';
import { organizationCode, OrganizationsArgs, organizationsArgs } from './organization.inputs';
import { searchOrganizations } from './organization.search';

@ObjectType({
  description:
    'One page of organizations. `totalCount` (and `pageCount`) count matches up to 1,000 and stop there: 1,000 means that many or more; refine the search.',
})
export class OrganizationPage extends PageType(Organization) {}

@Resolver(() => Organization)
export class OrganizationResolver {
  @Query(() => Organization, { nullable: true, description: 'The organization with this code, or null.' })
  organization(@Arg('code', () => String) code: string, @Ctx() context: OrganizationContext) {
    const args = validateArgs(z.object({ code: organizationCode }), { code });
    return context.loaders.organization.byCode.load(args.code);
  }

  @Query(() => OrganizationPage, { description: 'Find organizations by code or name.' })
  async organizations(@Args(() => OrganizationsArgs) input: OrganizationsArgs, @Ctx() context: OrganizationContext) {
    const args = validateArgs(organizationsArgs, input);
    const principal = context.principal;
    // Staff search every organization; a contact finds only its own.
    const onlyId = principal.kind === 'contact' ? principal.organizationId : undefined;
    const [items, total] = await searchOrganizations(context.dataSource, args.search, args, onlyId);
    return toPage(items, total, args);
  }
}
