import type { SubgraphModule } from '@ecg/infrastructure';
import type { CredentialServices } from '../services';
import { AccountSecret } from './account-secret.entity';
import { LoginFactsResolver } from './login-facts.resolver';
import { SelfServiceAccount } from './self-service-account.entity';
import { selfServiceLoaders } from './self-service.loaders';

/** The logins themselves (one per person, memberships per organization) and their secrets, kept off every type. */
export const selfServiceModule: SubgraphModule<CredentialServices, typeof selfServiceLoaders> = {
  name: 'self-service',
  loaders: selfServiceLoaders,
  resolvers: [LoginFactsResolver],
  entities: [SelfServiceAccount, AccountSecret],
};
