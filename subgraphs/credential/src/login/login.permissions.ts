import { allow, holds, isSignedInPerson } from '@ecg/shared';

/** Signing in is open to anyone; changing one's own password needs "Change user password" (every type has it). */
export const loginPermissions = {
  Mutation: {
    login: allow, refreshToken: allow, logout: allow, chooseOrganization: allow, verifySecondFactor: allow,
    // One's own second factors: any signed-in person's own login.
    startTotpEnrolment: holds('CHANGE_PASSWORD', 'EDIT'), confirmTotpEnrolment: holds('CHANGE_PASSWORD', 'EDIT'), regenerateRecoveryCodes: holds('CHANGE_PASSWORD', 'EDIT'),
    // A person's own memberships; a temporary-password token must change the password first.
    switchOrganization: holds('CHANGE_PASSWORD', 'EDIT'),
    changePassword: holds('CHANGE_PASSWORD', 'EDIT', { duringPasswordChange: true }),
  },
  Session: allow,
  TotpEnrolment: allow,
  RecoveryCodes: allow,
  LoginResult: allow,
  OrganizationChoice: allow,
  Membership: allow,
  Query: { me: isSignedInPerson },
  Me: allow,
  Capability: allow,
  StaffUser: allow,
  Organization: { id: allow },
};
