import type { SubgraphModule } from '@ecg/infrastructure';
import type { CredentialServices } from '../services';
import { assistedResetPermissions } from './assisted-reset.permissions';
import { AssistedResetResolver } from './assisted-reset.resolver';
import { SecurityEventDetails1765200000000 } from './migrations/1765200000000-security-event-details';

/** An administrator's help for a person whose email does not reach them: a one-time code after an identity check. */
export const assistedResetModule: SubgraphModule<CredentialServices> = {
  name: 'assisted-reset',
  resolvers: [AssistedResetResolver],
  rules: assistedResetPermissions,
  migrations: [SecurityEventDetails1765200000000],
};
