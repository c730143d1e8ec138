import { allow } from '@ecg/policy';

export const administratorDirectoryPermissions = {
  Query: { findAdministrators: allow, helpdeskContact: allow },
  AdministratorDirectoryEntry: allow,
};
