import { currentSessionRule } from '@ecg/policy';
import type { CredentialContext } from '../context';

/**
 * Before every mutation of this subgraph: the caller's session has not ended, asked of this
 * subgraph's own database (not the polled list), so sign-out, a password change, re-enroll,
 * reset, deactivation or demotion refuse the old token here at once.
 */
export const currentSession = currentSessionRule<CredentialContext>((sessionId, context) =>
  context.services.revocations.isRevokedNow(sessionId),
);
