import { allow } from '@ecg/policy';

/** Public by design (ESR's "Find your system administrator"): names, and what Administrators chose to publish. */
export const administratorDirectoryPermissions = { AdministratorDirectoryEntry: allow, DirectoryAdministrator: allow };
