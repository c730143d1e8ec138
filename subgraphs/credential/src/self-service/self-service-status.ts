import { registerEnumType } from 'type-graphql';

/** A self-service login's state; a contact never registered has no account at all. */
export enum SelfServiceStatus {
  REGISTRATION_PENDING = 'REGISTRATION_PENDING',
  REGISTERED = 'REGISTERED',
  LOCKED = 'LOCKED',
  DISABLED = 'DISABLED',
}

registerEnumType(SelfServiceStatus, {
  name: 'SelfServiceStatus',
  valuesConfig: {
    REGISTRATION_PENDING: {
      description: 'Registered or re-enrolled; the temporary password has not been replaced yet.',
    },
    REGISTERED: { description: 'Enrollment completed; the contact signs in with its own password.' },
    LOCKED: {
      description: 'Too many failed sign-ins; an administrator can unlock, or the owner can reset the password.',
    },
    DISABLED: { description: 'The contact is inactive.' },
  },
});
