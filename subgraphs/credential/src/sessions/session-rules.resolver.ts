import { Ctx, FieldResolver, Int, Resolver, Root } from 'type-graphql';
import type { CredentialContext } from '../context';
import { Organization } from '../organization/organization.entity';

@Resolver(() => Organization)
export class OrganizationSessionRulesResolver {
  // A change of the sign-in rules reaches a session at its next renewal, and an access token is
  // never checked against them before it expires: its lifetime is the delay, whatever it is set to.
  @FieldResolver(() => Int, {
    description:
      "The longest a person signed in now keeps their session after a change of this organization's sign-in rules " +
      '(Automatic Internet Access, second factor required): the access token lifetime (ACCESS_TOKEN_TTL_SECONDS), ' +
      'after which the renewal is decided under the new rules.',
  })
  sessionRuleDelaySeconds(@Root() _organization: Organization, @Ctx() context: CredentialContext): number {
    return context.services.config.accessTokenTtlSeconds;
  }
}
