import type { SubgraphModule } from '@ecg/infrastructure';
import type { CredentialServices } from '../services';
import { contactSelfServicePermissions } from './contact-self-service.permissions';
import { ContactSelfServiceResolver, SelfServiceAccountResolver } from './contact-self-service.resolver';
import { Contact } from './contact.entity';
import { contactReference } from './contact.reference';
import { OrganizationLoginsResolver } from './organization-logins.resolver';

/** The Self Service Details panel on a contact: the login's state, its buttons and its security events; an organization's logins by status. */
export const contactModule: SubgraphModule<CredentialServices> = {
  name: 'contact',
  resolvers: [ContactSelfServiceResolver, SelfServiceAccountResolver, OrganizationLoginsResolver],
  // Reached only through `_entities`: named so that it is emitted.
  orphanedTypes: [Contact],
  references: contactReference,
  rules: contactSelfServicePermissions,
};
