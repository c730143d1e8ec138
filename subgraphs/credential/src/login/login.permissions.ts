import { allow, holds } from '@ecg/policy';

/** Signing in is open to anyone; changing one's own password needs "Change user password" (every type has it). */
export const loginPermissions = {
  Mutation: {
    login: allow,
    refreshToken: allow,
    logout: allow,
    chooseOrganization: allow,
    // A person's own memberships; a temporary-password token must change the password first.
    switchOrganization: holds('CHANGE_PASSWORD', 'EDIT'),
    changePassword: holds('CHANGE_PASSWORD', 'EDIT', { duringPasswordChange: true }),
  },
  Session: allow,
  LoginResult: allow,
  OrganizationChoice: allow,
};
