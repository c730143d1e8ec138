import type { SubgraphModule } from '@ecg/infrastructure';
import type { PeerServices } from '../session/peer-services';
import { Provisioning1765000000000 } from './migrations/1765000000000-provisioning';
import { ProvisioningToken } from './provisioning-token.entity';
import { ProvisioningTokenResolver } from './provisioning-token.resolver';
import { provisioningPermissions } from './provisioning.permissions';
import { scimRoutes } from './scim/scim.route';
import { tokenScopeRoute } from './token-scope.route';

/** Provisioning from HR (SCIM 2.0): the tokens (GraphQL) and `/scim/v2/` (HTTP) they open. */
export const provisioningModule: SubgraphModule<PeerServices> = {
  name: 'provisioning',
  resolvers: [ProvisioningTokenResolver],
  rules: provisioningPermissions,
  entities: [ProvisioningToken],
  migrations: [Provisioning1765000000000],
  routes: (app, tools) => {
    scimRoutes(app, tools);
    tokenScopeRoute(app, tools);
  },
};
