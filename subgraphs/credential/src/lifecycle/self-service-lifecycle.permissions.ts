import { allow, can, isStaff } from '@ecg/policy';
import type { CredentialContext } from '../context';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The contact's organization, asked of the contact subgraph (no login exists yet). */
const contactOrganization = async (_parent: unknown, args: { contactId: string }, context: CredentialContext) =>
  (await context.loaders.contactFacts.load(args.contactId))?.organizationId;

/**
 * The organization of a batch: that of its first known contact. A batch that names contacts of
 * several organizations is refused by the flow, so the rule needs only one.
 */
const batchOrganization = async (_parent: unknown, args: { contactIds: string[] }, context: CredentialContext) => {
  // Only what validation will accept is asked for: the rule runs before the arguments are checked.
  const ids = [...new Set(args.contactIds)].filter((id) => UUID.test(id)).slice(0, 100);
  const facts = await context.loaders.contactFacts.loadMany(ids);
  return facts.find((f): f is NonNullable<typeof f> & { organizationId: string } => !!f && !(f instanceof Error))
    ?.organizationId;
};

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
    registerMany: can('SELF_SERVICE_REGISTRATION', 'EDIT', batchOrganization, 'contact-args.organization'),
    reEnroll: resetsLoginOfContactArg,
    unlock: resetsLoginOfContactArg,
    completeUnlock: allow,
    requestPasswordReset: allow,
    resetPassword: allow,
    setSelfServiceMessages: isStaff,
  },
  PasswordResetRequest: allow,
  SelfServiceLink: allow,
  RegistrationOutcome: allow,
};
