import { buildFederatedSchema } from '@ecg/shared';
import { AdministratorDirectoryResolver } from './administrator-directory/administrator-directory.resolver';
import { organizationReference } from './organization/organization.reference';
import { OrganizationResolver } from './organization/organization.resolver';

export const buildSchema = () => buildFederatedSchema({ resolvers: [OrganizationResolver, AdministratorDirectoryResolver] }, organizationReference);
