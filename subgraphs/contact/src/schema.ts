import { buildFederatedSchema } from '@ecg/shared';
import { contactReference } from './contact/contact.reference';
import { ContactResolver } from './contact/contact.resolver';
import { OrganizationContactsResolver } from './organization/organization-contacts.resolver';
import { organizationReference } from './organization/organization.reference';

export const buildSchema = () =>
  buildFederatedSchema({ resolvers: [ContactResolver, OrganizationContactsResolver] }, { ...contactReference, ...organizationReference });
