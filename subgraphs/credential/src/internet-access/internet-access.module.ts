import type { SubgraphModule } from '@ecg/infrastructure';
import type { CredentialServices } from '../services';
import { InternetAccessRequest } from '../person/internet-access-request.entity';
import { InternetAccessRequests1764300000000 } from '../person/migrations/1764300000000-internet-access-requests';
import { Organization } from '../organization/organization.entity';
import { internetAccessPermissions } from './internet-access.permissions';
import {
  InternetAccessMutations,
  OrganizationInternetAccessResolver,
  SelfServiceInternetAccessResolver,
} from './internet-access.resolver';

/** Internet access on request: the request, the decision, the grant on the panel. */
export const internetAccessModule: SubgraphModule<CredentialServices> = {
  name: 'internet-access',
  entities: [InternetAccessRequest],
  migrations: [InternetAccessRequests1764300000000],
  resolvers: [InternetAccessMutations, OrganizationInternetAccessResolver, SelfServiceInternetAccessResolver],
  // Organization's requests are reached through `_entities`: it needs only the id.
  references: { Organization: { __resolveReference: (ref: { id: string }) => new Organization(ref.id) } },
  rules: internetAccessPermissions,
};
