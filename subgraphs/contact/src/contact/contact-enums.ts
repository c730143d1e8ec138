import { registerEnumType } from 'type-graphql';

export enum ContactStatus {
  ACTIVE = 'ACTIVE',
  INACTIVE = 'INACTIVE',
}

export enum Gender {
  FEMALE = 'FEMALE',
  MALE = 'MALE',
  NON_BINARY = 'NON_BINARY',
  NOT_DISCLOSED = 'NOT_DISCLOSED',
}

/** Orders of the Contacts panel; ties are broken by id so pages never overlap. */
export enum ContactSort {
  FULL_NAME_ASC = 'FULL_NAME_ASC',
  FULL_NAME_DESC = 'FULL_NAME_DESC',
  STATUS_ASC = 'STATUS_ASC',
  STATUS_DESC = 'STATUS_DESC',
  EMAIL_ASC = 'EMAIL_ASC',
  EMAIL_DESC = 'EMAIL_DESC',
}

/** The contact list's filter by the Self Service Details panel's Status; the login itself is the credential subgraph's. */
export enum ContactSelfServiceFilter {
  NOT_REGISTERED = 'NOT_REGISTERED',
  REGISTRATION_PENDING = 'REGISTRATION_PENDING',
  REGISTERED = 'REGISTERED',
  LOCKED = 'LOCKED',
  DISABLED = 'DISABLED',
}

registerEnumType(ContactStatus, { name: 'ContactStatus' });
registerEnumType(ContactSelfServiceFilter, {
  name: 'ContactSelfServiceFilter',
  description: "A self-service login's status, or none yet (NOT_REGISTERED).",
});
registerEnumType(Gender, { name: 'Gender' });
registerEnumType(ContactSort, { name: 'ContactSort', description: 'Order of a contacts page.' });
