import { allow } from '@ecg/policy';

/** Public by design (ESR's "Find your system administrator"): names only. */
export const administratorDirectoryPermissions = { AdministratorDirectoryEntry: allow };
