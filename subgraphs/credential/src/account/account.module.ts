import type { SubgraphModule } from '@ecg/infrastructure';
import type { CredentialServices } from '../services';
import { myAccountPermissions } from './my-account.permissions';
import { MyAccountResolver } from './my-account.resolver';
import { OrganizationLoginsResolver } from './organization-logins.resolver';

/** /account: one's own login and security events, sign out everywhere; and the logins of one's organization. */
export const accountModule: SubgraphModule<CredentialServices> = {
  name: 'account',
  resolvers: [MyAccountResolver, OrganizationLoginsResolver],
  rules: myAccountPermissions,
};
