/**
 * The contact form's words (DESIGN.md section 7) for what the services write for people (the
 * export): field labels and value names as the web app's Contact Details form and Self Service
 * panel show them (clients/web/src/contact-labels.ts and format.ts hold the web app's copy, which
 * a browser test reads back against these).
 */
export const CONTACT_FIELD_LABELS = {
  firstName: 'First Name',
  middleName: 'Middle Name',
  lastName: 'Last Name',
  namePrefix: 'Name Prefix',
  nameSuffix: 'Name Suffix',
  gender: 'Gender',
  primaryPhoneNumber: 'Primary Phone Number',
  primaryPhoneExtension: 'Primary Phone Extension',
  secondaryPhoneNumber: 'Secondary Phone Number',
  mobilePhoneNumber: 'Mobile Phone Number',
  primaryEmail: 'Primary Email Address',
  temporaryEmailReviewBy: 'Temporary address, review by',
  secondaryEmail: 'Secondary Email Address',
  jobTitle: 'Job Title',
  directoryContact: 'Work phone or email for Find your administrator',
  status: 'Status',
  contactTypes: 'Contact Types',
} as const;

export const CONTACT_STATUS_LABELS: Record<string, string> = { ACTIVE: 'Active', INACTIVE: 'Inactive' };

export const GENDER_LABELS: Record<string, string> = {
  FEMALE: 'Female',
  MALE: 'Male',
  NON_BINARY: 'Non-binary',
  NOT_DISCLOSED: 'Not disclosed',
};

/** The Self Service panel's status words; a contact never registered has no login. */
export const SELF_SERVICE_STATUS_LABELS: Record<string, string> = {
  REGISTRATION_PENDING: 'Registration Pending',
  REGISTERED: 'Registered',
  LOCKED: 'Locked',
  DISABLED: 'Disabled',
};
export const NOT_REGISTERED = 'Not registered';
