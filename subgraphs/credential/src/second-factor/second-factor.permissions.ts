import { allow, holds, or, rule } from '@ecg/policy';
import { resetsLoginOfContactArg } from '../lifecycle/self-service-lifecycle.permissions';

const bringsEnrolmentChallenge = rule('bringsEnrolmentChallenge', { cache: 'no_cache' })(
  (_parent, args: { enrolmentChallenge?: string | null }) =>
    typeof args.enrolmentChallenge === 'string' && args.enrolmentChallenge.length > 0,
);

/** One's own second factors, the second step of sign-in, and the administrators' Reset Second Factors. */
export const secondFactorPermissions = {
  Mutation: {
    verifySecondFactor: allow,
    // One's own second factors: any signed-in person's own login.
    // Or, right after the password, the enrolment challenge (checked by the enrolment itself): it allows nothing else.
    startTotpEnrolment: or(holds('CHANGE_PASSWORD', 'EDIT'), bringsEnrolmentChallenge),
    confirmTotpEnrolment: or(holds('CHANGE_PASSWORD', 'EDIT'), bringsEnrolmentChallenge),
    regenerateRecoveryCodes: holds('CHANGE_PASSWORD', 'EDIT'),
    startStepUp: holds('CHANGE_PASSWORD', 'EDIT'),
    startPasskeyRegistration: holds('CHANGE_PASSWORD', 'EDIT'),
    finishPasskeyRegistration: holds('CHANGE_PASSWORD', 'EDIT'),
    renamePasskey: holds('CHANGE_PASSWORD', 'EDIT'),
    removePasskey: holds('CHANGE_PASSWORD', 'EDIT'),
    removeAuthenticator: holds('CHANGE_PASSWORD', 'EDIT'),
    startPasskeySignIn: allow,
    signInWithPasskey: allow,
    // Beside Re-Enroll and Unlock: the same right, in the login's organization.
    resetSecondFactors: resetsLoginOfContactArg,
  },
  TotpEnrolment: allow,
  RecoveryCodes: allow,
  PasskeyCeremony: allow,
  StepUpChallenge: allow,
  Passkey: allow,
};
