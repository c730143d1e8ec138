import { z } from 'zod';
import { argsType } from '@ecg/infrastructure';

// Each argument set lists its fields in the SDL's order (type-graphql listed `@Arg`s last to first).
const code = z
  .string()
  .trim()
  .regex(/^\d{6}$/, 'is six digits');
const recoveryCode = z.string().trim().min(10, 'is not a recovery code').max(20, 'is not a recovery code');
export const webauthnResponse = z.string().min(2, 'is not a WebAuthn response').max(20_000, 'is too long');
const challenge = z.string().min(1, 'is required').max(200, 'is not a challenge');
const enrolmentChallenge = challenge
  .nullish()
  .describe("`login`'s secondFactorEnrolmentChallenge, when not signed in.");

/**
 * The step-up gate's proof, for every change of how a login proves itself: a second factor when
 * the login has one (a current code, a recovery code, or a passkey with `stepUpToken`), else the
 * current password. One at a time.
 */
const stepUpProof = {
  stepUpToken: z
    .string()
    .min(20, 'is not a step-up token')
    .max(200, 'is not a step-up token')
    .nullish()
    .describe('With `passkey`: the `token` of `startStepUp`.'),
  passkey: webauthnResponse
    .nullish()
    .describe("A passkey's answer to `startStepUp`'s options (PublicKeyCredential.toJSON()), with `stepUpToken`."),
  currentPassword: z
    .string()
    .min(1, 'is required')
    .max(1024, 'is too long')
    .nullish()
    .describe('While the login has no second factor: its current password (a wrong one counts toward the lockout).'),
  recoveryCode: recoveryCode
    .nullish()
    .describe('Or, when the authenticator app is lost: one unused recovery code (spent).'),
  currentCode: code
    .nullish()
    .describe(
      'While an authenticator app is set up: one of its current codes, proving the caller holds it (spent, and a wrong one counts toward the lockout).',
    ),
};
const notBoth = (
  v: {
    currentCode?: string | null;
    recoveryCode?: string | null;
    passkey?: string | null;
    currentPassword?: string | null;
  },
  ctx: z.RefinementCtx,
) => {
  if ([v.currentCode, v.recoveryCode, v.passkey, v.currentPassword].filter(Boolean).length > 1)
    ctx.addIssue({
      code: 'custom',
      path: ['currentCode'],
      message: 'give one of currentCode, recoveryCode, passkey, currentPassword',
    });
};

export const StartTotpEnrolmentArgs = argsType(
  'StartTotpEnrolmentArgs',
  z.object({ ...stepUpProof, enrolmentChallenge }).superRefine(notBoth),
);
export type StartTotpEnrolmentArgs = InstanceType<typeof StartTotpEnrolmentArgs>;

export const RegenerateRecoveryCodesArgs = argsType(
  'RegenerateRecoveryCodesArgs',
  z.object(stepUpProof).superRefine(notBoth),
);
export type RegenerateRecoveryCodesArgs = InstanceType<typeof RegenerateRecoveryCodesArgs>;

export const RemoveAuthenticatorArgs = argsType('RemoveAuthenticatorArgs', z.object(stepUpProof).superRefine(notBoth));
export type RemoveAuthenticatorArgs = InstanceType<typeof RemoveAuthenticatorArgs>;

export const ConfirmTotpEnrolmentArgs = argsType('ConfirmTotpEnrolmentArgs', z.object({ enrolmentChallenge, code }));
export type ConfirmTotpEnrolmentArgs = InstanceType<typeof ConfirmTotpEnrolmentArgs>;

export const VerifySecondFactorArgs = argsType(
  'VerifySecondFactorArgs',
  z
    .object({
      passkey: webauthnResponse
        .nullish()
        .describe("The JSON of the browser's answer to `secondFactorPasskeyOptions` (PublicKeyCredential.toJSON())."),
      recoveryCode: recoveryCode.nullish(),
      code: code.nullish(),
      challenge,
    })
    .superRefine((v, ctx) => {
      if ([v.code, v.recoveryCode, v.passkey].filter(Boolean).length !== 1)
        ctx.addIssue({ code: 'custom', path: ['code'], message: 'give one of code, recoveryCode, passkey' });
    }),
);
export type VerifySecondFactorArgs = InstanceType<typeof VerifySecondFactorArgs>;

export const ResetSecondFactorsArgs = argsType(
  'ResetSecondFactorsArgs',
  z.object({ contactId: z.string().uuid('is not a contact id') }),
);
export type ResetSecondFactorsArgs = InstanceType<typeof ResetSecondFactorsArgs>;

const ceremonyToken = z.string().min(20, 'is not a ceremony token').max(200, 'is not a ceremony token');
const passkeyName = z.string().trim().min(1, 'is required').max(60, 'is at most 60 characters');
const passkeyId = z.string().uuid('is not a passkey id');

export const FinishPasskeyRegistrationArgs = argsType(
  'FinishPasskeyRegistrationArgs',
  z.object({
    passwordless: z.boolean().default(false),
    name: passkeyName,
    response: webauthnResponse,
    token: ceremonyToken,
  }),
);
export type FinishPasskeyRegistrationArgs = InstanceType<typeof FinishPasskeyRegistrationArgs>;

export const RenamePasskeyArgs = argsType('RenamePasskeyArgs', z.object({ name: passkeyName, id: passkeyId }));
export type RenamePasskeyArgs = InstanceType<typeof RenamePasskeyArgs>;

export const RemovePasskeyArgs = argsType(
  'RemovePasskeyArgs',
  z.object({ ...stepUpProof, id: passkeyId }).superRefine(notBoth),
);
export type RemovePasskeyArgs = InstanceType<typeof RemovePasskeyArgs>;

export const SignInWithPasskeyArgs = argsType(
  'SignInWithPasskeyArgs',
  z.object({ response: webauthnResponse, token: ceremonyToken }),
);
export type SignInWithPasskeyArgs = InstanceType<typeof SignInWithPasskeyArgs>;

export const StartPasskeyRegistrationArgs = argsType(
  'StartPasskeyRegistrationArgs',
  z.object(stepUpProof).superRefine(notBoth),
);
export type StartPasskeyRegistrationArgs = InstanceType<typeof StartPasskeyRegistrationArgs>;
