import { Args, Ctx, Mutation, Resolver } from 'type-graphql';
import { appError, decide } from '@ecg/policy';
import { notFound } from '@ecg/infrastructure';
import type { OrganizationContext } from '../context';
import { Organization } from './organization.entity';
import { UpdateOrganizationArgs } from './organization-update.inputs';

const ADDRESS_FIELDS = ['line1', 'line2', 'city', 'state', 'postalCode', 'country'] as const;

@Resolver(() => Organization)
export class OrganizationUpdateResolver {
  @Mutation(() => Organization, {
    description:
      'Save organization details (EDIT on "Create and maintain Organization details") and address (EDIT on "... address"). CONFLICT when someone saved since `expectedVersion`.',
  })
  async updateOrganization(
    @Args(() => UpdateOrganizationArgs) args: UpdateOrganizationArgs,
    @Ctx() context: OrganizationContext,
  ) {
    return context.dataSource.transaction(async (manager) => {
      const organization = await manager.findOne(Organization, {
        where: { id: args.id },
        lock: context.dataSource.options.type === 'better-sqlite3' ? undefined : { mode: 'pessimistic_write' },
      });
      if (!organization) throw notFound('Organization');
      if (organization.version !== args.expectedVersion) {
        throw appError(
          'CONFLICT',
          'This organization was changed by someone else since it was loaded; reload it and save again.',
          { currentVersion: organization.version },
        );
      }
      // The address is its own function in the job aid: changing it needs that right too.
      if (ADDRESS_FIELDS.some((f) => (organization.address[f] ?? null) !== args.input.address[f])) {
        const allowed = decide(context.principal, 'ORGANIZATION_ADDRESS', 'EDIT', organization.id);
        if (allowed !== true) throw allowed;
      }
      Object.assign(organization, {
        name: args.input.name,
        organizationType: args.input.organizationType,
        automaticInternetAccess: args.input.automaticInternetAccess,
        address: args.input.address,
      });
      if (args.input.helpMessage !== undefined) organization.helpMessage = args.input.helpMessage;
      if (typeof args.input.secondFactorRequired === 'boolean')
        organization.secondFactorRequired = args.input.secondFactorRequired;
      return manager.save(organization);
    });
  }
}
