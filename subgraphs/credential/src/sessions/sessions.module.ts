import type { SubgraphModule } from '@ecg/infrastructure';
import type { CredentialServices } from '../services';
import { RefreshToken } from './refresh-token.entity';

/** Sessions: rotating refresh tokens (stored hashed) and the access tokens made from them. */
export const sessionsModule: SubgraphModule<CredentialServices> = { name: 'sessions', entities: [RefreshToken] };
