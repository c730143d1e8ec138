import type { SubgraphModule } from '@ecg/infrastructure';
import { AdministratorDirectoryEntry } from './administrator-directory-entry';
import { DirectoryAdministrator } from './directory-administrator';
import { administratorDirectoryLoaders } from './administrator-directory.loaders';
import { administratorDirectoryPermissions } from './administrator-directory.permissions';
import { administratorDirectoryReference, AdministratorNamesResolver } from './administrator-directory.resolver';

/** The Administrators' names beside each organization of "Find your system administrator". */
export const administratorDirectoryModule: SubgraphModule<unknown, typeof administratorDirectoryLoaders> = {
  name: 'administrator-directory',
  resolvers: [AdministratorNamesResolver],
  references: administratorDirectoryReference,
  rules: administratorDirectoryPermissions,
  // The directory is public: `_entities` answers anonymous callers for this type (names only).
  publicEntityTypes: ['AdministratorDirectoryEntry'],
  // The entry is reached only through `_entities` from the organization subgraph, and the
  // credential subgraph adds `canSignIn` to the administrators: both named so they are emitted.
  orphanedTypes: [AdministratorDirectoryEntry, DirectoryAdministrator],
  loaders: administratorDirectoryLoaders,
};
