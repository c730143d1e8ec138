import { Args, Ctx, Field, FieldResolver, Mutation, ObjectType, Resolver } from 'type-graphql';
import { consumeRateLimit } from '@ecg/infrastructure';
import type { CredentialContext } from '../context';
import { recordLoginEvent } from '../person/login-events';
import { LoginResult } from '../login/login-result.type';
import { toLoginResult } from '../login/login.resolver';
import { Me } from '../me/me.type';
import { Passkey } from './passkey.entity';
import {
  FinishPasskeyRegistrationArgs,
  RemovePasskeyArgs,
  RenamePasskeyArgs,
  SignInWithPasskeyArgs,
} from './second-factor.inputs';

@ObjectType({
  description:
    'A WebAuthn ceremony to run in the browser: `options` (JSON) for navigator.credentials, and the `token` that finishes it (5 minutes, once).',
})
export class PasskeyCeremony {
  @Field(() => String) token: string;
  @Field(() => String) options: string;
}

/** Passkeys: several per person, named and removed on /account; a second factor, or a sign-in of their own. */
@Resolver()
export class PasskeyResolver {
  @Mutation(() => PasskeyCeremony, {
    description: 'Start adding a passkey (signed in): pass `options` to navigator.credentials.create.',
  })
  async startPasskeyRegistration(@Ctx() context: CredentialContext) {
    const login = await context.services.secondFactors.loginOf(context.principal);
    return context.services.secondFactors.passkeys.startRegistration(login.essId, login.userName);
  }

  @Mutation(() => Passkey, {
    description:
      "Finish adding a passkey with the browser's answer; `passwordless`: it may sign in without the password (the device must verify its holder).",
  })
  async finishPasskeyRegistration(
    @Args(() => FinishPasskeyRegistrationArgs) args: FinishPasskeyRegistrationArgs,
    @Ctx() context: CredentialContext,
  ) {
    const { secondFactors } = context.services;
    const login = await secondFactors.loginOf(context.principal);
    const passkey = await secondFactors.passkeys.finishRegistration(
      login.essId,
      args.token,
      args.response,
      args.name,
      args.passwordless,
    );
    await context.dataSource.transaction((manager) =>
      recordLoginEvent(manager, login.essId, 'PASSKEY_REGISTERED', context.req.ip, context.principal),
    );
    return passkey;
  }

  @Mutation(() => Passkey, { description: 'Rename one of your passkeys. NOT_FOUND when it is not yours.' })
  async renamePasskey(@Args(() => RenamePasskeyArgs) args: RenamePasskeyArgs, @Ctx() context: CredentialContext) {
    const login = await context.services.secondFactors.loginOf(context.principal);
    return context.services.secondFactors.passkeys.rename(login.essId, args.id, args.name);
  }

  @Mutation(() => Boolean, { description: 'Remove one of your passkeys. NOT_FOUND when it is not yours.' })
  async removePasskey(@Args(() => RemovePasskeyArgs) args: RemovePasskeyArgs, @Ctx() context: CredentialContext) {
    const login = await context.services.secondFactors.loginOf(context.principal);
    await context.services.secondFactors.passkeys.remove(login.essId, args.id);
    await context.dataSource.transaction((manager) =>
      recordLoginEvent(manager, login.essId, 'PASSKEY_REMOVED', context.req.ip, context.principal),
    );
    return true;
  }

  @Mutation(() => PasskeyCeremony, {
    description: 'Sign in with a passkey alone, first half: pass `options` to navigator.credentials.get.',
  })
  async startPasskeySignIn(@Ctx() context: CredentialContext) {
    await consumeRateLimit(context.dataSource, `startPasskeySignIn:${context.req.ip}`, {
      limit: 30,
      windowSeconds: 60,
    });
    return context.services.secondFactors.passkeys.startSignIn();
  }

  @Mutation(() => LoginResult, {
    description:
      "Sign in with a passkey alone, second half: the browser's answer. Only passkeys registered as `passwordless`; any failure answers like a wrong password.",
  })
  async signInWithPasskey(
    @Args(() => SignInWithPasskeyArgs) args: SignInWithPasskeyArgs,
    @Ctx() context: CredentialContext,
  ) {
    await consumeRateLimit(context.dataSource, `signInWithPasskey:${context.req.ip}`, { limit: 30, windowSeconds: 60 });
    return toLoginResult(await context.services.signIn.signInWithPasskey(args.token, args.response, context.req.ip));
  }
}

@Resolver(() => Me)
export class MyPasskeysResolver {
  @FieldResolver(() => [Passkey], { description: 'Your passkeys, oldest first.' })
  async passkeys(@Ctx() context: CredentialContext) {
    if (context.principal.kind !== 'contact' && context.principal.kind !== 'staff') return [];
    const { secondFactors } = context.services;
    return secondFactors.passkeys.list((await secondFactors.loginOf(context.principal)).essId);
  }
}
