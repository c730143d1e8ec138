import { rule, sessionEnded } from '@ecg/policy';
import type { CredentialContext } from '../context';

/**
 * Before every mutation of this subgraph: the caller's session has not ended, asked of this
 * subgraph's own database (not the polled list), so sign-out, a password change, re-enroll,
 * reset, deactivation or demotion refuse the old token here at once.
 */
export const currentSession = rule('currentSession', { cache: 'contextual' })(async (
  _parent,
  _args,
  context: CredentialContext,
) => {
  const principal = context.principal;
  if (principal.kind !== 'contact' && principal.kind !== 'staff') return true;
  if (!principal.sessionId || (await context.services.revocations.isRevokedNow(principal.sessionId)))
    return sessionEnded();
  return true;
});
