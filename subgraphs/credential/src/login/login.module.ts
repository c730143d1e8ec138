import type { SubgraphModule } from '@ecg/infrastructure';
import type { CredentialServices } from '../services';
import { loginPermissions } from './login.permissions';
import { LoginResolver } from './login.resolver';

/** Sign-in (password, then an organization or a second factor when needed), refresh, sign-out, password change. */
export const loginModule: SubgraphModule<CredentialServices> = {
  name: 'login',
  resolvers: [LoginResolver],
  rules: loginPermissions,
};
