import { Args, Ctx, ObjectType, Query, Resolver } from 'type-graphql';
import { PageType, toPage } from '@ecg/infrastructure';
import type { OrganizationContext } from '../context';
import { Organization } from './organization.entity';
import { OrganizationCodeArgs, OrganizationsArgs } from './organization.inputs';
import { searchOrganizations } from './organization.search';

@ObjectType({
  description:
    'One page of organizations. `totalCount` (and `pageCount`) count matches up to 1,000 and stop there: 1,000 means that many or more; refine the search.',
})
export class OrganizationPage extends PageType(Organization) {}

@Resolver(() => Organization)
export class OrganizationResolver {
  @Query(() => Organization, { nullable: true, description: 'The organization with this code, or null.' })
  organization(@Args(() => OrganizationCodeArgs) { code }: OrganizationCodeArgs, @Ctx() context: OrganizationContext) {
    return context.loaders.organization.byCode.load(code);
  }

  @Query(() => OrganizationPage, { description: 'Find organizations by code or name.' })
  async organizations(@Args(() => OrganizationsArgs) args: OrganizationsArgs, @Ctx() context: OrganizationContext) {
    const principal = context.principal;
    // Staff search every organization; a contact finds only its own.
    const onlyId = principal.kind === 'contact' ? principal.organizationId : undefined;
    const [items, total] = await searchOrganizations(context.dataSource, args.search, args, onlyId);
    return toPage(items, total, args);
  }
}
