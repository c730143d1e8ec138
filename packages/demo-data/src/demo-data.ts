import { createHash } from 'node:crypto';
import { ContactType as T } from '@ecg/policy';

/**
 * Demonstration data: the organizations and contacts that appear in the seeds' screens
 * (job aid 2022, managing employer contacts 2019). Each subgraph loads its own part; ids are
 * derived from stable names so the three databases agree without reading each other.
 */
export function demoId(name: string): string {
  const h = createHash('sha1').update(`ecg-demo:${name}`).digest('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-5${h.slice(13, 16)}-a${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

export interface DemoOrganization {
  code: string;
  name: string;
  organizationType: string;
  city: string;
}

export const DEMO_ORGANIZATIONS: DemoOrganization[] = [
  {
    code: '42061',
    name: 'COUNTY OFFICE OF EDUCATION',
    organizationType: 'COUNTY_OFFICE_OF_EDUCATION',
    city: 'Santa Barbara',
  },
  {
    code: '01001',
    name: 'COUNTY OFFICE OF EDUCATION',
    organizationType: 'COUNTY_OFFICE_OF_EDUCATION',
    city: 'Hayward',
  },
];

export interface DemoContact {
  key: string;
  organizationCode: string;
  firstName: string;
  lastName: string;
  email: string | null;
  status: 'ACTIVE' | 'INACTIVE';
  types: T[];
}

const ALL_JOB_AID_TYPES = Object.values(T).filter((t) => t !== T.PASSWORD_RESET_ONLY);
const c = (
  key: string,
  organizationCode: string,
  firstName: string,
  lastName: string,
  email: string | null,
  types: T[],
  status: 'ACTIVE' | 'INACTIVE' = 'ACTIVE',
): DemoContact => ({
  key,
  organizationCode,
  firstName,
  lastName,
  email,
  status,
  types,
});

export const DEMO_CONTACTS: DemoContact[] = [
  c('jane', '42061', 'Jane', 'Contact', 'JaneContact@County.xorg', [
    T.ACCOUNT_RECEIVABLE,
    T.ADMINISTRATOR,
    T.BENEFIT,
    T.SUPERINTENDENT_CHANCELLOR,
    T.TERMINATION,
  ]),
  c('kevin', '42061', 'Kevin', 'Contact', 'kevincontact@county.xorg', [T.READ_ONLY], 'INACTIVE'),
  c('gisela', '42061', 'Gisela', 'Villa', null, [T.ADMINISTRATOR, T.BENEFIT, T.PAYROLL_AND_EMPLOYMENT]),
  c('gilbert', '42061', 'Gilbert', 'Contact', 'gcontact@county.xorg', [
    T.ADMINISTRATOR,
    T.BENEFIT,
    T.PAYROLL_AND_EMPLOYMENT,
  ]),
  c('contact-test', '42061', 'Contact', 'Test', 'contacttest@coe.org', [T.ADMINISTRATOR]),
  c('coco', '42061', 'Coco', 'Contact', 'cococontact@county.xorg', [T.ADMINISTRATOR]),
  c('bruno', '42061', 'Bruno', 'Contact', 'bcontact@county.xorg', [
    T.ACCOUNT_RECEIVABLE,
    T.ADMINISTRATOR,
    T.BENEFIT,
    T.PAYROLL,
  ]),
  c('new', '42061', 'New', 'Contact', 'NewContact@COE.org', [T.ADMINISTRATOR]),
  c('anthony', '01001', 'Anthony', 'Contact', 'anthonycontact@county.xorg', [
    T.ACCOUNT_RECEIVABLE,
    T.ADMINISTRATOR,
    T.BENEFIT,
    T.PAYROLL,
    T.PAYROLL_AND_EMPLOYMENT,
    T.SUPERINTENDENT_CHANCELLOR,
  ]),
  c('ariel', '01001', 'Ariel', 'Contact', 'arielcontact@county.xorg', [
    T.ACCOUNT_RECEIVABLE,
    T.ADMINISTRATOR,
    T.BENEFIT,
    T.PAYROLL,
    T.PAYROLL_AND_EMPLOYMENT,
    T.SUPERINTENDENT_CHANCELLOR,
  ]),
  c('barb', '01001', 'Barb', 'Ruggiero', null, [
    T.ACCOUNT_RECEIVABLE,
    T.ADMINISTRATOR,
    T.BENEFIT,
    T.PAYROLL,
    T.PAYROLL_AND_EMPLOYMENT,
  ]),
  c('barbara-1', '01001', 'Barbara', 'Ching', null, ALL_JOB_AID_TYPES),
  c('barbara-2', '01001', 'Barbara', 'Ching', null, [T.PAYROLL_AND_EMPLOYMENT]),
  c(
    'becky',
    '01001',
    'Becky',
    'Contact',
    'beckycontact@county.xorg',
    ALL_JOB_AID_TYPES.filter((t) => t !== T.READ_ONLY && t !== T.SUPERINTENDENT_CHANCELLOR),
  ),
  c('bella', '01001', 'Bella', 'Contact', 'bellacontact@county.xorg', [
    T.ACCOUNT_RECEIVABLE,
    T.ADMINISTRATOR,
    T.BENEFIT,
    T.PAYROLL,
    T.PAYROLL_AND_EMPLOYMENT,
    T.SUPERINTENDENT_CHANCELLOR,
  ]),
  c('betsy', '01001', 'Betsy', 'Contact', 'bcontact@county.xorg', [T.PAYROLL]),
  c('katie', '01001', 'Katie', 'Contact', 'katiecontact@county.xorg', [T.PAYROLL]),
];

/** Self-service panels as the screens show them (no passwords: these demo logins cannot sign in). */
export interface DemoAccount {
  contactKey: string;
  essId: number;
  status: 'REGISTRATION_PENDING' | 'REGISTERED' | 'LOCKED';
  passwordLastChangedAt: string | null;
  lastSuccessfulLoginAt: string | null;
  previousLoginAt: string | null;
  successfulLoginAttempts: number;
  totalUnsuccessfulAttempts: number;
  enrollmentCompleted: boolean;
  temporaryPasswordExpiresAt: string | null;
  passwordExpired: boolean;
  lastAuthenticationFailure: string | null;
  internalMessage: string | null;
  externalMessage: string | null;
}

export const DEMO_ACCOUNTS: DemoAccount[] = [
  {
    contactKey: 'bella',
    essId: 3829,
    status: 'REGISTERED',
    passwordLastChangedAt: '2021-11-15T14:47:14Z',
    lastSuccessfulLoginAt: '2022-02-01T09:38:26Z',
    previousLoginAt: '2021-12-22T14:55:28Z',
    successfulLoginAttempts: 24,
    totalUnsuccessfulAttempts: 2,
    enrollmentCompleted: true,
    temporaryPasswordExpiresAt: null,
    passwordExpired: false,
    lastAuthenticationFailure: 'PASSWORD',
    internalMessage: null,
    externalMessage: null,
  },
  {
    contactKey: 'contact-test',
    essId: 2980,
    status: 'REGISTRATION_PENDING',
    passwordLastChangedAt: null,
    lastSuccessfulLoginAt: null,
    previousLoginAt: null,
    successfulLoginAttempts: 0,
    totalUnsuccessfulAttempts: 0,
    enrollmentCompleted: false,
    temporaryPasswordExpiresAt: '2019-06-21T21:07:35Z',
    passwordExpired: true,
    lastAuthenticationFailure: null,
    internalMessage: 'Set to enroll by batch.',
    externalMessage: 'User ID is created and set to Enroll.',
  },
  {
    contactKey: 'katie',
    essId: 2973,
    status: 'LOCKED',
    passwordLastChangedAt: '2019-06-28T11:15:21Z',
    lastSuccessfulLoginAt: '2019-06-28T11:16:51Z',
    previousLoginAt: null,
    successfulLoginAttempts: 1,
    totalUnsuccessfulAttempts: 3,
    enrollmentCompleted: true,
    temporaryPasswordExpiresAt: null,
    passwordExpired: false,
    lastAuthenticationFailure: 'PASSWORD',
    internalMessage: null,
    externalMessage: null,
  },
];

export const demoOrganizationId = (code: string) => demoId(`organization:${code}`);
export const demoContactId = (key: string) => demoId(`contact:${key}`);
export const demoContact = (key: string) => DEMO_CONTACTS.find((x) => x.key === key)!;
