import { allow } from '@ecg/policy';
import { editContact, editContactsOf } from '../contact/contact-rights';

/** The audit trail is read with EDIT on contacts: who changed what is for those who can change it. */
export const auditPermissions = {
  Contact: { auditTrail: editContact },
  Organization: { auditTrail: editContactsOf },
  // Reached only through the guarded fields above.
  AuditEntryPage: allow,
  AuditEntry: allow,
  FieldChange: allow,
  StaffMember: allow,
};
