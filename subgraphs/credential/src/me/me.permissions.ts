import { allow, isSignedInPerson } from '@ecg/policy';

/** `me` answers only about the caller: any signed-in person (a contact or staff). */
export const mePermissions = {
  Query: { me: isSignedInPerson },
  Me: allow,
  Capability: allow,
  StaffUser: allow,
  Membership: allow,
  Organization: { id: allow },
};
