import { allow, holds, isSignedInPerson } from '@ecg/shared';

/** Signing in is open to anyone; changing one's own password needs "Change user password" (every type has it). */
export const loginPermissions = {
  Mutation: { login: allow, refreshToken: allow, logout: allow, changePassword: holds('CHANGE_PASSWORD', 'EDIT', { duringPasswordChange: true }) },
  Session: allow,
  Query: { me: isSignedInPerson },
  Me: allow,
  Capability: allow,
  StaffUser: allow,
  Organization: { id: allow },
};
