import { allow } from '@ecg/policy';
import { editContactsIn } from '../contact/contact-rights';

export const emailImportPermissions = {
  Mutation: {
    importContactEmails: editContactsIn(
      (_p: unknown, args: { organization: string }) => args.organization,
      'organization-arg',
    ),
  },
  EmailImportResult: allow,
  EmailImportRow: allow,
};
