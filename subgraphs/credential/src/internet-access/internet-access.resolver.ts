import { Args, Ctx, FieldResolver, Mutation, Resolver, Root } from 'type-graphql';
import type { CredentialContext } from '../context';
import { Organization } from '../organization/organization.entity';
import { InternetAccessRequest } from '../person/internet-access-request.entity';
import { SelfServiceAccount } from '../self-service/self-service-account.entity';
import {
  DecideInternetAccessRequestArgs,
  InternetAccessRequestsArgs,
  RequestInternetAccessArgs,
  WithdrawInternetAccessArgs,
} from './internet-access.inputs';

@Resolver()
export class InternetAccessMutations {
  @Mutation(() => Boolean, {
    description:
      "Ask the organization's administrators for internet access, with the token of a sign-in refused only because of where it came from. " +
      'True: filed (the administrators are mailed). False: this person already has a request pending (or access granted) there; nothing changed. ' +
      'INTERNET_ACCESS_REQUEST_DENIED within 14 days of a denial of their request there (nothing changed; `askAgainAfter` says when).',
  })
  requestInternetAccess(
    @Args(() => RequestInternetAccessArgs) args: RequestInternetAccessArgs,
    @Ctx() context: CredentialContext,
  ) {
    return context.services.internetAccess.file(args.token, args.reason ?? null, context.req.ip);
  }

  @Mutation(() => InternetAccessRequest, {
    description:
      'Approve (a grant the session gate honours on every path until withdrawn) or deny a pending request; the person is mailed. ' +
      "CONFLICT when it is no longer pending; NOT_FOUND for another organization's.",
  })
  decideInternetAccessRequest(
    @Args(() => DecideInternetAccessRequestArgs) args: DecideInternetAccessRequestArgs,
    @Ctx() context: CredentialContext,
  ) {
    return context.services.internetAccess.decide(
      context.principal,
      args.id,
      args.approve,
      args.note ?? null,
      context.req.ip,
    );
  }

  @Mutation(() => Boolean, {
    description:
      "Withdraw a contact's internet access: its next sign-in or renewal from the internet is refused again.",
  })
  withdrawInternetAccess(
    @Args(() => WithdrawInternetAccessArgs) args: WithdrawInternetAccessArgs,
    @Ctx() context: CredentialContext,
  ) {
    return context.services.internetAccess.withdraw(context.principal, args.contactId, context.req.ip);
  }
}

@Resolver(() => Organization)
export class OrganizationInternetAccessResolver {
  @FieldResolver(() => [InternetAccessRequest], {
    description:
      "Requests for internet access of the organization's people, pending first (for its Administrators and staff).",
  })
  internetAccessRequests(
    @Root() organization: Organization,
    @Args(() => InternetAccessRequestsArgs) args: InternetAccessRequestsArgs,
    @Ctx() context: CredentialContext,
  ) {
    return context.services.internetAccess.list(organization.id, args.status);
  }
}

@Resolver(() => SelfServiceAccount)
export class SelfServiceInternetAccessResolver {
  @FieldResolver(() => InternetAccessRequest, {
    nullable: true,
    description:
      'The approved request that lets this contact sign in from the internet (who granted it, when); null when none.',
  })
  internetAccessGrant(@Root() account: SelfServiceAccount, @Ctx() context: CredentialContext) {
    return context.services.internetAccess.grantOf(account.contactId);
  }
}
