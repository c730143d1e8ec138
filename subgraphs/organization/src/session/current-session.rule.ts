import { currentSessionRule } from '@ecg/policy';
import type { OrganizationContext } from '../context';

/**
 * Before every mutation of this subgraph (updateOrganization): the caller's session has not
 * ended, asked of the credential subgraph at once, so a signed-out or demoted administrator's
 * token changes nothing here even before the polled revocation list catches up.
 */
export const currentSession = currentSessionRule<OrganizationContext>(
  async (sessionId, context) => (await context.services.sessionStatus(sessionId)) === 'ended',
);
