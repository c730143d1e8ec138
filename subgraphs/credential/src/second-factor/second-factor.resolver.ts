import { Args, Ctx, FieldResolver, Mutation, Resolver, Root } from 'type-graphql';
import type { CredentialContext } from '../context';
import { LoginResult } from '../login/login-result.type';
import { toLoginResult } from '../login/login.resolver';
import { awaitsConfirmation, loginEssIdOf } from '../person/login-rows';
import { SelfServiceAccount } from '../self-service/self-service-account.entity';
import { Me } from '../me/me.type';
import { RecoveryCodes, TotpEnrolment } from './second-factor.types';
import type { StepUpProof } from '../gates/step-up-gate';
import {
  ConfirmTotpEnrolmentArgs,
  RegenerateRecoveryCodesArgs,
  RemoveAuthenticatorArgs,
  ResetSecondFactorsArgs,
  StartTotpEnrolmentArgs,
  VerifySecondFactorArgs,
} from './second-factor.inputs';

/** The step-up proof given with a change of factors (the arguments refuse more than one). */
export const proofOf = (args: StepUpProof): StepUpProof => ({
  currentPassword: args.currentPassword,
  currentCode: args.currentCode,
  recoveryCode: args.recoveryCode,
  passkey: args.passkey,
  stepUpToken: args.stepUpToken,
});

@Resolver()
export class SecondFactorResolver {
  @Mutation(() => TotpEnrolment, {
    description:
      'Start setting up an authenticator app: the secret and its QR code, shown once. Nothing changes until `confirmTotpEnrolment`.',
  })
  async startTotpEnrolment(
    @Args(() => StartTotpEnrolmentArgs) args: StartTotpEnrolmentArgs,
    @Ctx() context: CredentialContext,
  ) {
    const { secondFactors, stepUp } = context.services;
    // Right after the password, the enrolment challenge stands for it; signed in, the step-up gate decides.
    if (args.enrolmentChallenge) return secondFactors.startTotp({ enrolmentChallenge: args.enrolmentChallenge });
    return secondFactors.startTotp(await stepUp.prove(context.principal, proofOf(args), context.req.ip));
  }

  @Mutation(() => RecoveryCodes, {
    description:
      'Confirm the authenticator with its first code: sign-in asks for a code from now on. Answers ten recovery codes, shown once.',
  })
  async confirmTotpEnrolment(
    @Args(() => ConfirmTotpEnrolmentArgs) args: ConfirmTotpEnrolmentArgs,
    @Ctx() context: CredentialContext,
  ) {
    const { secondFactors, signIn, stepUp } = context.services;
    // Signed in, the proof came with the start, up to 15 minutes ago: a login locked since sets up
    // nothing. (The enrolment challenge is checked for a lock where it is read.)
    if (!args.enrolmentChallenge) await stepUp.assertNotLocked(await secondFactors.loginOf(context.principal));
    const enrolled = await secondFactors.confirmTotp(
      context.principal,
      args.code,
      context.req.ip,
      args.enrolmentChallenge,
    );
    // Signed in, the enrolment was started after a step-up proof: its owner hears of the new app.
    if (!args.enrolmentChallenge && (context.principal.kind === 'contact' || context.principal.kind === 'staff'))
      await stepUp.notifyHolder(await secondFactors.loginOf(context.principal), {
        kind: 'AUTHENTICATOR_SET',
      });
    return {
      codes: enrolled.codes,
      signIn: args.enrolmentChallenge
        ? toLoginResult(await signIn.completeEnrolment(enrolled.essId, context.req.ip))
        : null,
    };
  }

  @Mutation(() => RecoveryCodes, {
    description:
      'Ten new recovery codes, shown once; the earlier ones stop working. Needs a fresh proof of a second factor (a current code, a recovery code, or a passkey with `stepUpToken`): STEP_UP_REQUIRED otherwise. The owner is mailed.',
  })
  async regenerateRecoveryCodes(
    @Args(() => RegenerateRecoveryCodesArgs) args: RegenerateRecoveryCodesArgs,
    @Ctx() context: CredentialContext,
  ) {
    const { secondFactors, stepUp } = context.services;
    const proven = await stepUp.prove(context.principal, proofOf(args), context.req.ip);
    const codes = await secondFactors.regenerateRecoveryCodes(proven);
    await stepUp.notify(proven, { kind: 'RECOVERY_CODES_REGENERATED' });
    return { codes };
  }

  @Mutation(() => Boolean, {
    description:
      'Remove your authenticator app, with a fresh proof of a second factor (a current code, a recovery code, or a passkey with `stepUpToken`): STEP_UP_REQUIRED otherwise. ' +
      'LAST_SECOND_FACTOR when an organization you act for (or production, for staff) requires a second factor and no passkey would remain; NO_SECOND_FACTOR when there is no app. ' +
      'With no factor left, the recovery codes go too. The owner is mailed.',
  })
  async removeAuthenticator(
    @Args(() => RemoveAuthenticatorArgs) args: RemoveAuthenticatorArgs,
    @Ctx() context: CredentialContext,
  ) {
    const { secondFactors, stepUp, sessionGate } = context.services;
    const proven = await stepUp.prove(context.principal, proofOf(args), context.req.ip);
    const { remaining } = await secondFactors.removeTotp(
      proven,
      await sessionGate.secondFactorRequiredFor(proven.holder),
    );
    await stepUp.notify(proven, { kind: 'AUTHENTICATOR_REMOVED', recoveryCodesRemoved: remaining.length === 0 });
    return true;
  }

  @Mutation(() => LoginResult, {
    description:
      "The second step of a sign-in: the `secondFactorChallenge` of `login` and one code of the authenticator app, one recovery code, or a passkey's answer. " +
      'A wrong code counts toward the lockout like a wrong password; the challenge stays usable for the next try until it expires (5 minutes).',
  })
  async verifySecondFactor(
    @Args(() => VerifySecondFactorArgs) args: VerifySecondFactorArgs,
    @Ctx() context: CredentialContext,
  ) {
    const proof = args.code
      ? { code: args.code }
      : args.recoveryCode
        ? { recoveryCode: args.recoveryCode }
        : { passkey: args.passkey! };
    return toLoginResult(await context.services.signIn.verifySecondFactor(args.challenge, proof, context.req.ip));
  }

  @Mutation(() => SelfServiceAccount, {
    description:
      'The "Reset second factors" button: the login\'s authenticator and recovery codes are removed, its sessions end, the person is emailed. NOT_REGISTERED, NO_SECOND_FACTOR.',
  })
  resetSecondFactors(
    @Args(() => ResetSecondFactorsArgs) args: ResetSecondFactorsArgs,
    @Ctx() context: CredentialContext,
  ) {
    return context.services.lifecycle.resetSecondFactors(args.contactId, context.principal, context.req.ip);
  }
}

/** The panel's second-factor fields: which kinds are set, never a secret. */
@Resolver(() => SelfServiceAccount)
export class SecondFactorPanelResolver {
  @FieldResolver(() => [String], {
    description:
      'The second factors of the login: TOTP (authenticator app), PASSKEY (one or more), RECOVERY_CODES (some unused). Empty when none.',
  })
  async secondFactorKinds(@Root() account: SelfServiceAccount, @Ctx() context: CredentialContext) {
    // Until the person acts for this organization, its panel is the row's own state: a linked
    // registration must not show another organization what the person's login holds.
    if (awaitsConfirmation(account)) return [];
    return context.services.secondFactors.kindsOf(loginEssIdOf(account));
  }

  @FieldResolver(() => Boolean, {
    description:
      'Second Factor Set: sign-in asks for an authenticator code or a passkey after the password. Not the seeds\' "Is OTP Set", which is the temporary password (`temporaryPasswordSet`).',
  })
  async secondFactorSet(@Root() account: SelfServiceAccount, @Ctx() context: CredentialContext) {
    if (awaitsConfirmation(account)) return false;
    return context.services.secondFactors.isSet(loginEssIdOf(account));
  }
}

/** The signed-in principal's own second factors (staff too), for the account page. */
@Resolver(() => Me)
export class MySecondFactorsResolver {
  @FieldResolver(() => [String], {
    description: 'Your second factors: TOTP, PASSKEY, RECOVERY_CODES (some unused). Empty when none.',
  })
  async secondFactorKinds(@Ctx() context: CredentialContext) {
    const { principal, services } = context;
    if (principal.kind !== 'contact' && principal.kind !== 'staff') return [];
    return services.secondFactors.kindsOf((await services.secondFactors.loginOf(principal)).essId);
  }
}
