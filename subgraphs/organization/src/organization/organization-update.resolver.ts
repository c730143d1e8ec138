import { Args, Ctx, Mutation, Resolver } from 'type-graphql';
import { appError, decide } from '@ecg/policy';
import { notFound, withRetry, writeLock } from '@ecg/infrastructure';
import type { OrganizationContext } from '../context';
import { Organization } from './organization.entity';
import { UpdateOrganizationArgs } from './organization-update.inputs';

const ADDRESS_FIELDS = ['line1', 'line2', 'city', 'state', 'postalCode', 'country'] as const;

@Resolver(() => Organization)
export class OrganizationUpdateResolver {
  @Mutation(() => Organization, {
    description:
      'Save a change of organization details (EDIT on "Create and maintain Organization details") and address (EDIT on "... address"): only the fields sent change. CONFLICT when someone saved since `expectedVersion`.',
  })
  async updateOrganization(
    @Args(() => UpdateOrganizationArgs) args: UpdateOrganizationArgs,
    @Ctx() context: OrganizationContext,
  ) {
    return withRetry(context.dataSource, async (manager) => {
      const organization = await manager.findOne(Organization, {
        where: { id: args.id },
        lock: writeLock(manager),
      });
      if (!organization) throw notFound('Organization');
      if (organization.version !== args.expectedVersion) {
        throw appError(
          'CONFLICT',
          'This organization was changed by someone else since it was loaded; reload it and save again.',
          { currentVersion: organization.version },
        );
      }
      // Only what was sent changes: an omitted address line, or field, stays as it is.
      const input = args.input;
      const sentAddress = Object.fromEntries(
        Object.entries(input.address ?? {}).filter(([, value]) => value !== undefined),
      ) as Partial<Record<(typeof ADDRESS_FIELDS)[number], string | null>>;
      const address = { ...organization.address, ...sentAddress };
      // The address is its own function in the job aid: changing it needs that right too.
      if (ADDRESS_FIELDS.some((f) => (organization.address[f] ?? null) !== (address[f] ?? null))) {
        const allowed = decide(context.principal, 'ORGANIZATION_ADDRESS', 'EDIT', organization.id);
        if (allowed !== true) throw allowed;
      }
      organization.address = address;
      if (input.name !== undefined) organization.name = input.name;
      if (input.organizationType !== undefined) organization.organizationType = input.organizationType;
      if (typeof input.automaticInternetAccess === 'boolean')
        organization.automaticInternetAccess = input.automaticInternetAccess;
      if (input.helpMessage !== undefined) organization.helpMessage = input.helpMessage;
      if (typeof input.secondFactorRequired === 'boolean')
        organization.secondFactorRequired = input.secondFactorRequired;
      if (input.internalOnlyEmailDomains) organization.internalOnlyEmailDomains = input.internalOnlyEmailDomains;
      if (input.approvedEmailDomains) organization.approvedEmailDomains = input.approvedEmailDomains;
      return manager.save(organization);
    });
  }
}
