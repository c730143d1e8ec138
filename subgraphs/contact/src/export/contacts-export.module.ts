import type { SubgraphModule } from '@ecg/infrastructure';
import { contactsExportPermissions } from './contacts-export.permissions';
import { ContactsExportResolver } from './contacts-export.resolver';
import { contactsExportRoute } from './contacts-export.route';

/** Export To Excel: a signed link (GraphQL) and the download it points at (HTTP, streamed). */
export const contactsExportModule: SubgraphModule = {
  name: 'export',
  resolvers: [ContactsExportResolver],
  rules: contactsExportPermissions,
  routes: contactsExportRoute,
};
