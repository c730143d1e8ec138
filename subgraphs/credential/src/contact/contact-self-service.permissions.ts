import { allow, can, holds, isStaff, oncePerObject, or, rule, type AuthContext } from '@ecg/policy';
import type { Organization } from '../organization/organization.entity';
import type { SelfServiceAccount } from '../self-service/self-service-account.entity';

const isOwnAccount = rule('isOwnAccount', { cache: 'no_cache' })(
  (account: SelfServiceAccount, _args, context: AuthContext) =>
    context.principal.kind === 'contact' && context.principal.id === account.contactId,
);
const ofAccount = (account: SelfServiceAccount) => account.organizationId;

/**
 * The panel is part of the contact's record: READ on contact information, in the account's
 * organization. Whoever may re-enroll and unlock there (the password-reset-only type) sees the
 * panel too: it is what those buttons act on.
 */
const readsPanels = or(holds('ORGANIZATION_CONTACTS', 'READ'), holds('SELF_SERVICE_RESET', 'EDIT'));

const itself = (organization: Organization) => organization.id;

export const contactSelfServicePermissions = {
  Contact: { id: allow, selfService: readsPanels, selfServiceActions: readsPanels },
  // Whoever reads the organization's contacts reads their panels' Status, so may list contacts by it.
  Organization: {
    selfServiceContactIds: can('ORGANIZATION_CONTACTS', 'READ', itself, 'organization (its logins)'),
  },
  SelfServiceAccount: {
    // None of these reads the field or its arguments: decided once per account, not once per field.
    '*': oncePerObject(
      'SelfServiceAccount',
      or(
        isOwnAccount,
        can('ORGANIZATION_CONTACTS', 'READ', ofAccount, 'account.organization'),
        can('SELF_SERVICE_RESET', 'EDIT', ofAccount, 'account.organization'),
      ),
    ),
    internalMessage: isStaff,
    securityEvents: can('ORGANIZATION_CONTACTS', 'EDIT', ofAccount, 'account.organization'),
  },
  SecurityEventPage: allow,
  SecurityEvent: allow,
};
