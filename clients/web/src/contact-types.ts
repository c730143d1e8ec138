import type { ContactType } from './graphql/generated';

/** The contact types as the job aid names them, in its order; the last is the ESR toolkit's. */
export const CONTACT_TYPES: { key: ContactType; label: string }[] = [
  { key: 'ACCOUNT_RECEIVABLE', label: 'Account Receivable' },
  { key: 'ADMINISTRATOR', label: 'Administrator' },
  { key: 'BENEFIT', label: 'Benefit' },
  { key: 'EMPLOYMENT', label: 'Employment' },
  { key: 'LEAVE_OF_ABSENCE', label: 'Leave of Absence' },
  { key: 'PAYROLL', label: 'Payroll' },
  { key: 'PAYROLL_AND_EMPLOYMENT', label: 'Payroll and Employment' },
  { key: 'READ_ONLY', label: 'Read Only' },
  { key: 'REDUCTION_IN_SCHOOL_FUNDS', label: 'Reduction in School Funds' },
  { key: 'SICK_LEAVE', label: 'Sick Leave' },
  { key: 'SUPERINTENDENT_CHANCELLOR', label: 'Superintendent/Chancellor' },
  { key: 'TERMINATION', label: 'Termination' },
  { key: 'PASSWORD_RESET_ONLY', label: 'Password Reset Only' },
];

const LABELS = new Map(CONTACT_TYPES.map((t) => [t.key, t.label]));
export const contactTypeNames = (types: readonly ContactType[]) =>
  CONTACT_TYPES.filter((t) => types.includes(t.key))
    .map((t) => LABELS.get(t.key)!)
    .join(', ');
