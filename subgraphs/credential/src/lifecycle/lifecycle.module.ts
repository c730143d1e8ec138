import type { SubgraphModule } from '@ecg/infrastructure';
import type { CredentialServices } from '../services';
import { AccountToken } from '../person/account-token.entity';
import { PasswordHistory } from '../person/password-history.entity';
import { PasswordResetRequest } from './password-reset-request.entity';
import { SecurityEvent } from '../person/security-event.entity';
import { lifecyclePermissions } from './self-service-lifecycle.permissions';
import { SelfServiceLifecycleResolver, UnlockLinkPanelResolver } from './self-service-lifecycle.resolver';

/** A login's life: Register, Re-Enroll, Unlock, the emailed links, password reset, staff messages. */
export const lifecycleModule: SubgraphModule<CredentialServices> = {
  name: 'lifecycle',
  resolvers: [SelfServiceLifecycleResolver, UnlockLinkPanelResolver],
  rules: lifecyclePermissions,
  entities: [AccountToken, PasswordHistory, SecurityEvent, PasswordResetRequest],
};
