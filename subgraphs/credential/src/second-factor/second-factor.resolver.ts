import { Args, Ctx, FieldResolver, Mutation, Resolver, Root } from 'type-graphql';
import type { CredentialContext } from '../context';
import { LoginResult } from '../login/login-result.type';
import { toLoginResult } from '../login/login.resolver';
import { loginEssIdOf } from '../person/login-rows';
import { SelfServiceAccount } from '../self-service/self-service-account.entity';
import { Me } from '../me/me.type';
import { RecoveryCodes, TotpEnrolment } from './second-factor.types';
import { WrongProof, wrongCode, type SecondFactorProof } from './second-factors';
import {
  ConfirmTotpEnrolmentArgs,
  RegenerateRecoveryCodesArgs,
  ResetSecondFactorsArgs,
  StartTotpEnrolmentArgs,
  VerifySecondFactorArgs,
} from './second-factor.inputs';

/** The proof given to replace an authenticator (the arguments refuse both at once). */
function proofOf(args: { currentCode?: string | null; recoveryCode?: string | null }): SecondFactorProof | null {
  return args.currentCode ? { code: args.currentCode } : args.recoveryCode ? { recoveryCode: args.recoveryCode } : null;
}

/** A wrong proof counts toward the lockout like a wrong code at sign-in, and answers the same way. */
async function counted<T>(context: CredentialContext, work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (!(error instanceof WrongProof)) throw error;
    await context.services.signIn.countWrongSecondFactor(error.holder, context.req.ip);
    throw wrongCode('code' in error.proof ? 'currentCode' : 'recoveryCode');
  }
}

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
    const proof = proofOf(args);
    return counted(context, () =>
      context.services.secondFactors.startTotp(context.principal, args.enrolmentChallenge, proof),
    );
  }

  @Mutation(() => RecoveryCodes, {
    description:
      'Confirm the authenticator with its first code: sign-in asks for a code from now on. Answers ten recovery codes, shown once.',
  })
  async confirmTotpEnrolment(
    @Args(() => ConfirmTotpEnrolmentArgs) args: ConfirmTotpEnrolmentArgs,
    @Ctx() context: CredentialContext,
  ) {
    const { secondFactors, signIn } = context.services;
    const enrolled = await secondFactors.confirmTotp(
      context.principal,
      args.code,
      context.req.ip,
      args.enrolmentChallenge,
    );
    return {
      codes: enrolled.codes,
      signIn: args.enrolmentChallenge
        ? toLoginResult(await signIn.completeEnrolment(enrolled.essId, context.req.ip))
        : null,
    };
  }

  @Mutation(() => RecoveryCodes, {
    description:
      'Ten new recovery codes, shown once; the earlier ones stop working. With an authenticator app set up, give one of its current codes (or a recovery code): SECOND_FACTOR_PROOF_REQUIRED.',
  })
  async regenerateRecoveryCodes(
    @Args(() => RegenerateRecoveryCodesArgs) args: RegenerateRecoveryCodesArgs,
    @Ctx() context: CredentialContext,
  ) {
    const proof = proofOf(args);
    return {
      codes: await counted(context, () =>
        context.services.secondFactors.regenerateRecoveryCodes(context.principal, context.req.ip, proof),
      ),
    };
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
  secondFactorKinds(@Root() account: SelfServiceAccount, @Ctx() context: CredentialContext) {
    return context.services.secondFactors.kindsOf(loginEssIdOf(account));
  }

  @FieldResolver(() => Boolean, {
    description:
      'Second Factor Set: sign-in asks for an authenticator code or a passkey after the password. Not the seeds\' "Is OTP Set", which is the temporary password (`temporaryPasswordSet`).',
  })
  async secondFactorSet(@Root() account: SelfServiceAccount, @Ctx() context: CredentialContext) {
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
