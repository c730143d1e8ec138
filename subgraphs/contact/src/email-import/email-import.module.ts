import type { SubgraphModule } from '@ecg/infrastructure';
import { emailImportPermissions } from './email-import.permissions';
import { EmailImportResolver } from './email-import.resolver';

/** A CSV of contacts' email addresses, checked (dry run) and applied. */
export const emailImportModule: SubgraphModule = {
  name: 'email-import',
  resolvers: [EmailImportResolver],
  rules: emailImportPermissions,
};
