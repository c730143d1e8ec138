import type { Express } from 'express';
import { PROVISIONING_TOKEN_SCOPE_PATH } from '@ecg/policy';
import type { RouteTools } from '@ecg/infrastructure';
import { provisioningTokenOf } from './provisioning-tokens';

/**
 * For the credential subgraph, which ends the sessions of a contact a directory deactivated: the
 * organization the caller's provisioning token acts for (404 for any other token). Not routed by
 * the gateway; a token is 256 random bits, so asking tells nobody anything they could guess.
 */
export function tokenScopeRoute(app: Express, { dataSource, logger }: RouteTools<unknown>) {
  app.post(PROVISIONING_TOKEN_SCOPE_PATH, async (req, res) => {
    try {
      const token = await provisioningTokenOf(dataSource, req.headers.authorization);
      if (!token) return void res.status(404).json({ error: 'not a provisioning token' });
      res.json({ organizationId: token.organizationId });
    } catch (error) {
      logger.error({ err: error }, 'provisioning token scope failed');
      res.status(503).json({ error: 'unavailable' });
    }
  });
}
