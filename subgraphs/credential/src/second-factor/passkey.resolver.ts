import { Args, Ctx, Field, FieldResolver, Mutation, ObjectType, Resolver } from 'type-graphql';
import { withRetry } from '@ecg/infrastructure';
import type { CredentialContext } from '../context';
import { recordLoginEvent } from '../person/login-events';
import { LoginResult } from '../login/login-result.type';
import { toLoginResult } from '../login/login.resolver';
import { Me } from '../me/me.type';
import { Passkey } from './passkey.entity';
import { proofOf } from './second-factor.resolver';
import {
  StartPasskeyRegistrationArgs,
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

@ObjectType({ description: 'What a change of factors needs as proof, and a passkey ceremony to give one.' })
export class StepUpChallenge {
  @Field(() => String, { description: 'Goes with a passkey answer as `stepUpToken`.' }) token: string;
  @Field(() => String, { nullable: true, description: 'For navigator.credentials.get; null when you have no passkey.' })
  options: string | null;
  @Field(() => [String], {
    description: 'The proofs that will do: PASSWORD (no second factor yet), or TOTP, PASSKEY, RECOVERY_CODES.',
  })
  kinds: string[];
}

/** Passkeys: several per person, named and removed on /account; a second factor, or a sign-in of their own. */
@Resolver()
export class PasskeyResolver {
  @Mutation(() => StepUpChallenge, {
    description:
      'Before a change of how you sign in: what proof it needs (`kinds`), and, when you have passkeys, `options` for navigator.credentials.get whose answer goes with `token` as `passkey` and `stepUpToken` (5 minutes, once).',
  })
  startStepUp(@Ctx() context: CredentialContext) {
    return context.services.stepUp.startPasskeyProof(context.principal);
  }

  @Mutation(() => PasskeyCeremony, {
    description:
      'Start adding a passkey (signed in), with a fresh proof of a factor you have (STEP_UP_REQUIRED otherwise): pass `options` to navigator.credentials.create.',
  })
  async startPasskeyRegistration(
    @Args(() => StartPasskeyRegistrationArgs) args: StartPasskeyRegistrationArgs,
    @Ctx() context: CredentialContext,
  ) {
    const proven = await context.services.stepUp.prove(context.principal, proofOf(args), context.req.ip);
    return context.services.secondFactors.passkeys.startRegistration(proven);
  }

  @Mutation(() => Passkey, {
    description:
      "Finish adding a passkey with the browser's answer; `passwordless`: it may sign in without the password (the device must verify its holder).",
  })
  async finishPasskeyRegistration(
    @Args(() => FinishPasskeyRegistrationArgs) args: FinishPasskeyRegistrationArgs,
    @Ctx() context: CredentialContext,
  ) {
    const { secondFactors, stepUp } = context.services;
    const login = await secondFactors.loginOf(context.principal);
    // The proof came with the start, up to 5 minutes ago: a login locked since adds nothing.
    await stepUp.assertNotLocked(login);
    const passkey = await secondFactors.passkeys.finishRegistration(
      login.essId,
      args.token,
      args.response,
      args.name,
      args.passwordless,
    );
    await withRetry(context.dataSource, (manager) =>
      recordLoginEvent(manager, login.essId, 'PASSKEY_REGISTERED', context.req.ip, context.principal),
    );
    await context.services.stepUp.notifyHolder(login, {
      kind: 'PASSKEY_ADDED',
      name: passkey.name,
      passwordless: passkey.passwordless,
    });
    return passkey;
  }

  @Mutation(() => Passkey, {
    description:
      'Rename one of your passkeys (the owner is mailed: a name is what mails about passkeys show). NOT_FOUND when it is not yours.',
  })
  async renamePasskey(@Args(() => RenamePasskeyArgs) args: RenamePasskeyArgs, @Ctx() context: CredentialContext) {
    const { secondFactors, stepUp } = context.services;
    const login = await secondFactors.loginOf(context.principal);
    const before = (await secondFactors.passkeys.list(login.essId)).find((p) => p.id === args.id);
    const renamed = await secondFactors.passkeys.rename(login.essId, args.id, args.name);
    if (before && before.name !== renamed.name)
      await stepUp.notifyHolder(login, { kind: 'PASSKEY_RENAMED', from: before.name, to: renamed.name });
    return renamed;
  }

  @Mutation(() => Boolean, {
    description:
      'Remove one of your passkeys, with a fresh proof of a factor you have (STEP_UP_REQUIRED otherwise). NOT_FOUND when it is not yours; ' +
      'LAST_SECOND_FACTOR when an organization you act for (or production, for staff) requires a second factor and neither another passkey nor an authenticator app would remain.',
  })
  async removePasskey(@Args(() => RemovePasskeyArgs) args: RemovePasskeyArgs, @Ctx() context: CredentialContext) {
    const { stepUp, secondFactors, sessionGate } = context.services;
    const proven = await stepUp.prove(context.principal, proofOf(args), context.req.ip);
    const removed = await secondFactors.passkeys.remove(
      proven,
      args.id,
      await sessionGate.secondFactorRequiredFor(proven.holder),
    );
    await withRetry(context.dataSource, (manager) =>
      recordLoginEvent(manager, proven.holder.essId, 'PASSKEY_REMOVED', context.req.ip, context.principal),
    );
    await stepUp.notify(proven, { kind: 'PASSKEY_REMOVED', name: removed.name });
    return true;
  }

  @Mutation(() => PasskeyCeremony, {
    description: 'Sign in with a passkey alone, first half: pass `options` to navigator.credentials.get.',
  })
  async startPasskeySignIn(@Ctx() context: CredentialContext) {
    return context.services.signIn.startPasskeySignIn(context.req.ip);
  }

  @Mutation(() => LoginResult, {
    description:
      "Sign in with a passkey alone, second half: the browser's answer. Only passkeys registered as `passwordless`; any failure answers like a wrong password.",
  })
  async signInWithPasskey(
    @Args(() => SignInWithPasskeyArgs) args: SignInWithPasskeyArgs,
    @Ctx() context: CredentialContext,
  ) {
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
