import { allow } from '@ecg/policy';
import { readContactsOf } from '../contact/contact-rights';

/** The organization's side of its contacts: the list, the panels' counts and warnings. */
export const organizationContactsPermissions = {
  Organization: {
    id: allow,
    contacts: readContactsOf,
    contactsMissingEmail: readContactsOf,
    administratorCount: readContactsOf,
    warnings: readContactsOf,
  },
  // Reached only through the guarded fields above.
  ContactPage: allow,
};
