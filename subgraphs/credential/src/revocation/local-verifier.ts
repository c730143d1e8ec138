import { createTokenVerifier, revocationList, type TokenVerifier } from '@ecg/policy';
import type { JWTVerifyGetKey } from 'jose';
import type { CredentialConfig } from '../config';
import type { SessionRevocations } from '../sessions/session-revocations';

/** This subgraph holds the keys and the revocations: it checks tokens against both directly, no HTTP. */
export function localTokenVerifier(
  keys: JWTVerifyGetKey,
  config: CredentialConfig,
  revocations: SessionRevocations,
): TokenVerifier {
  return createTokenVerifier(
    keys,
    config.auth,
    revocationList(() => revocations.snapshot(), { pollSeconds: config.auth.revocationPollSeconds }),
  );
}
