import { allow } from '@ecg/policy';

export const administratorDirectoryPermissions = {
  Query: { findAdministrators: allow, helpdeskContact: allow, displayTimeZone: allow },
  AdministratorDirectoryEntry: allow,
};
