import { Args, Ctx, Mutation, Resolver } from 'type-graphql';
import type { CredentialContext } from '../context';
import { LoginResult } from '../login/login-result.type';
import { toLoginResult } from '../login/login.resolver';
import { AssistedReset } from './assisted-reset.types';
import { CompleteAssistedResetArgs, StartAssistedResetArgs } from './assisted-reset.inputs';

@Resolver()
export class AssistedResetResolver {
  @Mutation(() => AssistedReset, {
    description:
      'An assisted reset, for a person whose email does not reach them: after checking their identity, an Administrator or Password Reset Only contact of their organization records the facts checked and gets a one-time code (shown once) to read to them. NOT_REGISTERED, ACCOUNT_DISABLED, STRONGER_CREDENTIAL.',
  })
  startAssistedReset(
    @Args(() => StartAssistedResetArgs) args: StartAssistedResetArgs,
    @Ctx() context: CredentialContext,
  ) {
    return context.services.assistedReset.start(args.contactId, args.identityChecks, context.principal, context.req.ip);
  }

  @Mutation(() => LoginResult, {
    description:
      "The person's side of an assisted reset: user name, the code and a new password, then a sign-in as `login` answers it (a second factor is still asked). A wrong code answers like a wrong password and counts toward the lockout.",
  })
  async completeAssistedReset(
    @Args(() => CompleteAssistedResetArgs) args: CompleteAssistedResetArgs,
    @Ctx() context: CredentialContext,
  ): Promise<LoginResult> {
    return toLoginResult(
      await context.services.assistedReset.complete(args.userName, args.code, args.newPassword, context.req.ip),
    );
  }
}
