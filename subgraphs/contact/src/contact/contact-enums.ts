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

registerEnumType(ContactStatus, { name: 'ContactStatus' });
registerEnumType(Gender, { name: 'Gender' });
registerEnumType(ContactSort, { name: 'ContactSort', description: 'Order of a contacts page.' });
