import { allow, holds, isSignedInPerson } from '@ecg/policy';

/**
 * `Me.selfService` and `Me.securityEvents` are covered by `Me: allow` (login.permissions): they
 * only ever answer about the caller, and `Query.me` already needs a signed-in person. The
 * account's own fields are readable by their owner (`isOwnAccount` in self-service.permissions).
 */
export const myAccountPermissions = {
  Mutation: { signOutEverywhere: isSignedInPerson },
  // Whoever may re-enroll and unlock in its organization finds the logins there by user name;
  // the panels themselves stay guarded by SelfServiceAccount's own rules.
  Query: { organizationLogins: holds('SELF_SERVICE_RESET', 'EDIT') },
  OrganizationLoginPage: allow,
  OrganizationLogin: allow,
};
