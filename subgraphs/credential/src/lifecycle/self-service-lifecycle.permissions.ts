import { allow, can, isStaff } from '@ecg/policy';
import type { CredentialContext } from '../context';

/** The contact's organization, asked of the contact subgraph (no login exists yet). */
const contactOrganization = async (_parent: unknown, args: { contactId: string }, context: CredentialContext) =>
  (await context.loaders.contactFacts.load(args.contactId))?.organizationId;

/** The login's organization, as recorded at registration. */
const accountOrganization = async (_parent: unknown, args: { contactId: string }, context: CredentialContext) =>
  (await context.loaders.selfService.byContactId.load(args.contactId))?.organizationId;

/** Re-Enroll, Unlock, Reset Second Factors: "Self-service reset" in the organization of the login `contactId` names. */
export const resetsLoginOfContactArg = can(
  'SELF_SERVICE_RESET',
  'EDIT',
  accountOrganization,
  'account-arg.organization',
);

/**
 * The job aid: "You must have the Administrator contact type" to register, re-enroll and unlock;
 * the ESR password-reset-only type may re-enroll and unlock. Both are functions of the matrix.
 */
export const lifecyclePermissions = {
  Query: {
    passwordResetLink: allow,
    unlockLink: allow,
  },
  Mutation: {
    register: can('SELF_SERVICE_REGISTRATION', 'EDIT', contactOrganization, 'contact-arg.organization'),
    reEnroll: resetsLoginOfContactArg,
    unlock: resetsLoginOfContactArg,
    completeUnlock: allow,
    requestPasswordReset: allow,
    resetPassword: allow,
    setSelfServiceMessages: isStaff,
  },
  PasswordResetRequest: allow,
  SelfServiceLink: allow,
};
