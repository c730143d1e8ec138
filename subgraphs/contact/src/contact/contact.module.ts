import type { SubgraphModule } from '@ecg/infrastructure';
import { OrganizationContactCount } from './contact-count.entity';
import { ContactCountSubscriber } from './contact-count';
import { ContactMaintenanceResolver } from './contact-maintenance.resolver';
import { ContactTypeAssignment } from './contact-type-assignment.entity';
import { Contact } from './contact.entity';
import { contactLoaders } from './contact.loaders';
import { contactPermissions } from './contact.permissions';
import { contactReference } from './contact.reference';
import { ContactResolver } from './contact.resolver';
import { CreateContact1763780000000 } from './migrations/1763780000000-create-contact';
import { ContactMaintenance1763800000000 } from './migrations/1763800000000-contact-maintenance';
import { OrganizationContactCount1764200000000 } from './migrations/1764200000000-organization-contact-count';
import { TemporaryEmail1764400000000 } from './migrations/1764400000000-temporary-email';
import { DirectoryContact1765100000000 } from './migrations/1765100000000-directory-contact';

/** Contacts: reading one, the New and Save buttons, and their contact types. */
export const contactModule: SubgraphModule<unknown, typeof contactLoaders> = {
  name: 'contact',
  resolvers: [ContactResolver, ContactMaintenanceResolver],
  references: contactReference,
  rules: contactPermissions,
  loaders: contactLoaders,
  entities: [Contact, ContactTypeAssignment, OrganizationContactCount],
  subscribers: [ContactCountSubscriber],
  // The second also creates the audit table (the audit module's entity): migrations keep their history.
  migrations: [
    CreateContact1763780000000,
    ContactMaintenance1763800000000,
    OrganizationContactCount1764200000000,
    TemporaryEmail1764400000000,
    DirectoryContact1765100000000,
  ],
};
