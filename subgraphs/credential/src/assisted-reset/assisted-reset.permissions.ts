import { allow } from '@ecg/policy';
import { resetsLoginOfContactArg } from '../lifecycle/self-service-lifecycle.permissions';

/**
 * Starting: "Self-service reset" in the organization of the login (Administrators and Password
 * Reset Only contacts, as for Re-Enroll and Unlock). Completing: anyone with the code.
 */
export const assistedResetPermissions = {
  Mutation: {
    startAssistedReset: resetsLoginOfContactArg,
    completeAssistedReset: allow,
  },
  AssistedReset: allow,
};
