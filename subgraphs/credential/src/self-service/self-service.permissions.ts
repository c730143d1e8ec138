import { can, holds, isStaff, or, rule, type AuthContext } from '@ecg/shared';
import type { SelfServiceAccount } from './self-service-account.entity';

const isOwnAccount = rule('isOwnAccount', { cache: 'no_cache' })(
  (account: SelfServiceAccount, _args, context: AuthContext) => context.principal.kind === 'contact' && context.principal.id === account.contactId,
);

/** The panel is part of the contact's record: READ on contact information, in the account's organization. */
export const selfServicePermissions = {
  Contact: { selfService: holds('ORGANIZATION_CONTACTS', 'READ') },
  SelfServiceAccount: {
    '*': or(isOwnAccount, can('ORGANIZATION_CONTACTS', 'READ', (account: SelfServiceAccount) => account.organizationId, 'account.organization')),
    internalMessage: isStaff,
  },
};
