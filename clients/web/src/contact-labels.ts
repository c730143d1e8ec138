import type { ContactStatus, Gender } from './graphql/generated';
import { CONTACT_TYPES } from './contact-types';

/**
 * The contact form's words (DESIGN.md section 7): its fields' labels and its choices' names, in
 * one place for the form and for whatever shows a contact's values (the audit trail).
 */
export type Text =
  | 'firstName'
  | 'middleName'
  | 'lastName'
  | 'namePrefix'
  | 'nameSuffix'
  | 'primaryPhoneNumber'
  | 'primaryPhoneExtension'
  | 'secondaryPhoneNumber'
  | 'mobilePhoneNumber'
  | 'primaryEmail'
  | 'confirmPrimaryEmail'
  | 'secondaryEmail'
  | 'jobTitle'
  | 'temporaryEmailReviewBy'
  | 'directoryContact';

/** The seeds' Contact Details fields, in the job aid's order; `*` marks the required ones. */
export const TEXT_FIELDS: {
  name: Text;
  label: string;
  required?: boolean;
  type?: string;
  autoComplete?: string;
  hint?: string;
}[] = [
  { name: 'firstName', label: 'First Name', required: true, autoComplete: 'off' },
  { name: 'middleName', label: 'Middle Name', autoComplete: 'off' },
  { name: 'lastName', label: 'Last Name', required: true, autoComplete: 'off' },
  { name: 'namePrefix', label: 'Name Prefix', autoComplete: 'off' },
  { name: 'nameSuffix', label: 'Name Suffix', autoComplete: 'off' },
  { name: 'primaryPhoneNumber', label: 'Primary Phone Number', type: 'tel', autoComplete: 'off' },
  { name: 'primaryPhoneExtension', label: 'Primary Phone Extension', autoComplete: 'off' },
  { name: 'secondaryPhoneNumber', label: 'Secondary Phone Number', type: 'tel', autoComplete: 'off' },
  { name: 'mobilePhoneNumber', label: 'Mobile Phone Number', type: 'tel', autoComplete: 'off' },
  { name: 'primaryEmail', label: 'Primary Email Address', required: true, type: 'email', autoComplete: 'off' },
  {
    name: 'confirmPrimaryEmail',
    label: 'Confirm Primary Email Address',
    required: true,
    type: 'email',
    autoComplete: 'off',
  },
  { name: 'temporaryEmailReviewBy', label: 'Temporary address, review by', type: 'date', autoComplete: 'off' },
  { name: 'secondaryEmail', label: 'Secondary Email Address', type: 'email', autoComplete: 'off' },
  { name: 'jobTitle', label: 'Job Title', autoComplete: 'off' },
  {
    name: 'directoryContact',
    label: 'Work phone or email for Find your administrator',
    autoComplete: 'off',
    hint: 'Shown to anyone who searches for your organization while this contact is an active Administrator who can sign in. Leave empty to publish none.',
  },
];
export const LABEL: Record<string, string> = Object.fromEntries<string>([
  ...TEXT_FIELDS.map((f): [string, string] => [f.name, f.label]),
  ['gender', 'Gender'],
  ['status', 'Status'],
  ['contactTypes', 'Contact Types'],
]);
export const GENDERS: { value: Gender; label: string }[] = [
  { value: 'FEMALE', label: 'Female' },
  { value: 'MALE', label: 'Male' },
  { value: 'NON_BINARY', label: 'Non-binary' },
  { value: 'NOT_DISCLOSED', label: 'Not disclosed' },
];
export const CONTACT_STATUSES: { value: ContactStatus; label: string }[] = [
  { value: 'ACTIVE', label: 'Active' },
  { value: 'INACTIVE', label: 'Inactive' },
];

const VALUE_NAMES: Record<string, Map<string, string>> = {
  gender: new Map(GENDERS.map((g) => [g.value, g.label])),
  status: new Map(CONTACT_STATUSES.map((c) => [c.value, c.label])),
  contactTypes: new Map(CONTACT_TYPES.map((t) => [t.key, t.label])),
};

/** A field's label as the form shows it. */
export const fieldLabel = (field: string) => LABEL[field] ?? field;

/** A recorded value as the form shows it: "Active", "Female", "Payroll, Read Only" (types come joined by ", "). */
export function valueLabel(field: string, value: string): string {
  const names = VALUE_NAMES[field];
  if (!names) return value;
  return field === 'contactTypes'
    ? value
        .split(', ')
        .map((v) => names.get(v) ?? v)
        .join(', ')
    : (names.get(value) ?? value);
}
