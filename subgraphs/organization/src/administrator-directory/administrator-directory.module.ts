import type { SubgraphModule } from '@ecg/infrastructure';
import { administratorDirectoryPermissions } from './administrator-directory.permissions';
import { AdministratorDirectoryResolver } from './administrator-directory.resolver';

/** "Find your system administrator": public, organizations by code or name (names come from the contact subgraph). */
export const administratorDirectoryModule: SubgraphModule = {
  name: 'administrator-directory',
  resolvers: [AdministratorDirectoryResolver],
  rules: administratorDirectoryPermissions,
};
