export { localTokenVerifier } from './local-verifier';
export { revocationRoutes } from './revocation.routes';
export { SessionRevocation } from '../sessions/session-revocation.entity';
export { SessionRevocation1763950000000 } from './migrations/1763950000000-session-revocation';
