import { registerEnumType } from 'type-graphql';

/**
 * The job aid's twelve contact types, plus the ESR toolkit's password-reset-only administrator
 * (an extension: it may re-enroll and unlock contacts of its organization, nothing else).
 */
export enum ContactType {
  ACCOUNT_RECEIVABLE = 'ACCOUNT_RECEIVABLE',
  ADMINISTRATOR = 'ADMINISTRATOR',
  BENEFIT = 'BENEFIT',
  EMPLOYMENT = 'EMPLOYMENT',
  LEAVE_OF_ABSENCE = 'LEAVE_OF_ABSENCE',
  PAYROLL = 'PAYROLL',
  PAYROLL_AND_EMPLOYMENT = 'PAYROLL_AND_EMPLOYMENT',
  READ_ONLY = 'READ_ONLY',
  REDUCTION_IN_SCHOOL_FUNDS = 'REDUCTION_IN_SCHOOL_FUNDS',
  SICK_LEAVE = 'SICK_LEAVE',
  SUPERINTENDENT_CHANCELLOR = 'SUPERINTENDENT_CHANCELLOR',
  TERMINATION = 'TERMINATION',
  PASSWORD_RESET_ONLY = 'PASSWORD_RESET_ONLY',
}

/** The names the job aid and the screens use. */
export const CONTACT_TYPE_LABELS: Record<ContactType, string> = {
  ACCOUNT_RECEIVABLE: 'Account Receivable',
  ADMINISTRATOR: 'Administrator',
  BENEFIT: 'Benefit',
  EMPLOYMENT: 'Employment',
  LEAVE_OF_ABSENCE: 'Leave of Absence',
  PAYROLL: 'Payroll',
  PAYROLL_AND_EMPLOYMENT: 'Payroll and Employment',
  READ_ONLY: 'Read Only',
  REDUCTION_IN_SCHOOL_FUNDS: 'Reduction in School Funds',
  SICK_LEAVE: 'Sick Leave',
  SUPERINTENDENT_CHANCELLOR: 'Superintendent/Chancellor',
  TERMINATION: 'Termination',
  PASSWORD_RESET_ONLY: 'Password Reset Only (extension, from the NHS ESR toolkit)',
};

registerEnumType(ContactType, {
  name: 'ContactType',
  description: "What an employer contact may do for its organization (the job aid's contact types).",
  valuesConfig: Object.fromEntries(
    Object.entries(CONTACT_TYPE_LABELS).map(([k, label]) => [k, { description: label }]),
  ),
});
