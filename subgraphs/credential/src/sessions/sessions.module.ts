import type { SubgraphModule } from '@ecg/infrastructure';
import type { CredentialServices } from '../services';
import { SessionLifetime1764200000000 } from './migrations/1764200000000-session-lifetime';
import { RefreshToken } from './refresh-token.entity';

/** Sessions: rotating refresh tokens (stored hashed) and the access tokens made from them. */
export const sessionsModule: SubgraphModule<CredentialServices> = {
  name: 'sessions',
  entities: [RefreshToken],
  migrations: [SessionLifetime1764200000000],
};
