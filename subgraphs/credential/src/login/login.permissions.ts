import { allow, holds, isSignedInPerson, or, rule } from '@ecg/policy';

const bringsEnrolmentChallenge = rule('bringsEnrolmentChallenge', { cache: 'no_cache' })(
  (_parent, args: { enrolmentChallenge?: string | null }) =>
    typeof args.enrolmentChallenge === 'string' && args.enrolmentChallenge.length > 0,
);

/** Signing in is open to anyone; changing one's own password needs "Change user password" (every type has it). */
export const loginPermissions = {
  Mutation: {
    login: allow,
    refreshToken: allow,
    logout: allow,
    chooseOrganization: allow,
    verifySecondFactor: allow,
    // One's own second factors: any signed-in person's own login.
    // Or, right after the password, the enrolment challenge (checked by the enrolment itself): it allows nothing else.
    startTotpEnrolment: or(holds('CHANGE_PASSWORD', 'EDIT'), bringsEnrolmentChallenge),
    confirmTotpEnrolment: or(holds('CHANGE_PASSWORD', 'EDIT'), bringsEnrolmentChallenge),
    regenerateRecoveryCodes: holds('CHANGE_PASSWORD', 'EDIT'),
    startPasskeyRegistration: holds('CHANGE_PASSWORD', 'EDIT'),
    finishPasskeyRegistration: holds('CHANGE_PASSWORD', 'EDIT'),
    renamePasskey: holds('CHANGE_PASSWORD', 'EDIT'),
    removePasskey: holds('CHANGE_PASSWORD', 'EDIT'),
    startPasskeySignIn: allow,
    signInWithPasskey: allow,
    // A person's own memberships; a temporary-password token must change the password first.
    switchOrganization: holds('CHANGE_PASSWORD', 'EDIT'),
    changePassword: holds('CHANGE_PASSWORD', 'EDIT', { duringPasswordChange: true }),
  },
  Session: allow,
  TotpEnrolment: allow,
  RecoveryCodes: allow,
  PasskeyCeremony: allow,
  Passkey: allow,
  LoginResult: allow,
  OrganizationChoice: allow,
  Membership: allow,
  Query: { me: isSignedInPerson },
  Me: allow,
  Capability: allow,
  StaffUser: allow,
  Organization: { id: allow },
};
