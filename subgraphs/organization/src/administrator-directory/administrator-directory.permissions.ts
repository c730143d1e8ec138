import { allow } from '@ecg/shared';

export const administratorDirectoryPermissions = {
  Query: { findAdministrators: allow },
  AdministratorDirectoryEntry: allow,
};
