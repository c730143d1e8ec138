import type { SubgraphModule } from '@ecg/infrastructure';
import { AdministratorDirectoryEntry } from './administrator-directory-entry';
import { administratorDirectoryLoaders } from './administrator-directory.loaders';
import { administratorDirectoryPermissions } from './administrator-directory.permissions';
import { administratorDirectoryReference, AdministratorNamesResolver } from './administrator-directory.resolver';

/** The Administrators' names beside each organization of "Find your system administrator". */
export const administratorDirectoryModule: SubgraphModule<unknown, typeof administratorDirectoryLoaders> = {
  name: 'administrator-directory',
  resolvers: [AdministratorNamesResolver],
  // Reached only through `_entities` from the organization subgraph: named so that it is emitted.
  orphanedTypes: [AdministratorDirectoryEntry],
  references: administratorDirectoryReference,
  rules: administratorDirectoryPermissions,
  // The directory is public: `_entities` answers anonymous callers for this type (names only).
  publicEntityTypes: ['AdministratorDirectoryEntry'],
  loaders: administratorDirectoryLoaders,
};
