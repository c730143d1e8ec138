import { Args, Ctx, Field, FieldResolver, Mutation, ObjectType, Resolver, Root } from 'type-graphql';
import { z } from 'zod';
import { argsType, badUserInput } from '@ecg/infrastructure';
import type { ContactContext } from '../context';
import { Organization } from '../organization/organization.entity';
import { ProvisioningToken } from './provisioning-token.entity';
import { createProvisioningToken, provisioningTokensOf, revokeProvisioningToken } from './provisioning-tokens';

@ObjectType({ description: 'A new provisioning token: `token` is shown this once and never again.' })
export class CreatedProvisioningToken {
  @Field(() => String, { description: 'The Bearer token to give the directory (Entra ID, Okta).' })
  token: string;
  @Field(() => ProvisioningToken) provisioningToken: ProvisioningToken;
}

const CreateProvisioningTokenArgs = argsType(
  'CreateProvisioningTokenArgs',
  z.object({
    label: z.string().trim().min(1, 'is required').max(100, 'is at most 100 characters'),
    organizationId: z.string().uuid('is not an organization id'),
  }),
);
type CreateProvisioningTokenArgs = InstanceType<typeof CreateProvisioningTokenArgs>;

const RevokeProvisioningTokenArgs = argsType(
  'RevokeProvisioningTokenArgs',
  z.object({ id: z.string().uuid('is not a provisioning token id') }),
);
type RevokeProvisioningTokenArgs = InstanceType<typeof RevokeProvisioningTokenArgs>;

@Resolver(() => Organization)
export class ProvisioningTokenResolver {
  @FieldResolver(() => [ProvisioningToken], {
    description:
      'Tokens its HR or directory system provisions contacts with (SCIM 2.0), newest first, revoked ones too.',
  })
  provisioningTokens(@Root() organization: Organization, @Ctx() context: ContactContext) {
    return provisioningTokensOf(context.dataSource, organization.id);
  }

  @Mutation(() => CreatedProvisioningToken, {
    description: 'A SCIM 2.0 provisioning token for the organization (staff, or its Administrators); shown once.',
  })
  async createProvisioningToken(
    @Args(() => CreateProvisioningTokenArgs) args: CreateProvisioningTokenArgs,
    @Ctx() context: ContactContext,
  ) {
    // A contact's own organization exists; staff name any id, so it is asked of its owner.
    if (
      context.principal.kind !== 'contact' &&
      !(await context.services.organizationExists(args.organizationId, context.req.headers.authorization))
    ) {
      throw badUserInput([{ field: 'organizationId', message: 'is not an existing organization' }]);
    }
    return createProvisioningToken(context.dataSource, context.principal, args.organizationId, args.label);
  }

  @Mutation(() => ProvisioningToken, { description: 'Revoke a provisioning token: refused from its next request on.' })
  revokeProvisioningToken(
    @Args(() => RevokeProvisioningTokenArgs) args: RevokeProvisioningTokenArgs,
    @Ctx() context: ContactContext,
  ) {
    return revokeProvisioningToken(context.dataSource, args.id);
  }
}
