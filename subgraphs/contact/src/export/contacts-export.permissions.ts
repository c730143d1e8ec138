import { allow } from '@ecg/policy';
import { readContactsOf } from '../contact/contact-rights';

/** Export To Excel: whoever may read the contacts may take them away in a spreadsheet. */
export const contactsExportPermissions = {
  Organization: { contactsExport: readContactsOf },
  ContactsExport: allow,
};
