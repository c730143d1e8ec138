import { allow } from '@ecg/policy';
import { editContactsIn, editContactsOf } from '../contact/contact-rights';
import type { ContactContext } from '../context';
import { ProvisioningToken } from './provisioning-token.entity';

const ofTokenArg = async (_parent: unknown, args: { id: string }, context: ContactContext) =>
  (await context.dataSource.getRepository(ProvisioningToken).findOneBy({ id: args.id }))?.organizationId;

// A provisioning token edits contacts, so only who may edit them (staff, the organization's
// Administrators) makes, sees or revokes one.
export const provisioningPermissions = {
  Mutation: {
    createProvisioningToken: editContactsIn(
      (_p: unknown, args: { organizationId: string }) => args.organizationId,
      'organizationId-arg',
    ),
    revokeProvisioningToken: editContactsIn(ofTokenArg, 'provisioningToken(id).organization'),
  },
  Organization: { provisioningTokens: editContactsOf },
  // Reached only through the guarded fields above.
  ProvisioningToken: allow,
  CreatedProvisioningToken: allow,
};
