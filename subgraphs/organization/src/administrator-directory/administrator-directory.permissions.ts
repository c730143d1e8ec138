import { allow } from '@ecg/policy';

export const administratorDirectoryPermissions = {
  Query: { findAdministrators: allow },
  AdministratorDirectoryEntry: allow,
};
