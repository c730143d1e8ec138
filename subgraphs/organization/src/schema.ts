import { buildFederatedSchema } from '@ecg/infrastructure';
import { AdministratorDirectoryResolver } from './administrator-directory/administrator-directory.resolver';
import { organizationReference } from './organization/organization.reference';
import { OrganizationUpdateResolver } from './organization/organization-update.resolver';
import { OrganizationResolver } from './organization/organization.resolver';

export const buildSchema = () =>
  buildFederatedSchema(
    { resolvers: [OrganizationResolver, OrganizationUpdateResolver, AdministratorDirectoryResolver] },
    organizationReference,
  );
