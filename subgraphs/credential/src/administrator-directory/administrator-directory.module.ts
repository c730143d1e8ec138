import { allow } from '@ecg/policy';
import type { SubgraphModule } from '@ecg/infrastructure';
import type { CredentialServices } from '../services';
import { directoryAdministratorReference, DirectoryAdministratorResolver } from './administrator-directory.resolver';
import { DirectoryAdministrator } from './directory-administrator.types';

/** Find your administrator (public): which of the named Administrators can sign in and so help. */
export const administratorDirectoryModule: SubgraphModule<CredentialServices> = {
  name: 'administrator-directory',
  resolvers: [DirectoryAdministratorResolver],
  // Reached only through `_entities` from the contact subgraph: named so that it is emitted.
  orphanedTypes: [DirectoryAdministrator],
  references: directoryAdministratorReference,
  // Public by design: one yes or no per Administrator already named on the public page.
  rules: { DirectoryAdministrator: allow },
  publicEntityTypes: ['DirectoryAdministrator'],
};
