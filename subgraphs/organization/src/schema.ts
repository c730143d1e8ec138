import { buildFederatedSchema } from '@ecg/shared';
import { organizationReference } from './organization/organization.reference';
import { OrganizationResolver } from './organization/organization.resolver';

export const buildSchema = () => buildFederatedSchema({ resolvers: [OrganizationResolver] }, organizationReference);
