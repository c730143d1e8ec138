import express, { type Express } from 'express';
import { z } from 'zod';
import { CONTACT_ACCESS_REDUCED_PATH, decide, REVOCATIONS_PATH, type TokenVerifier } from '@ecg/policy';
import type { Logger } from '@ecg/infrastructure';
import type { DataSource } from 'typeorm';
import { SelfServiceAccount } from '../self-service/self-service-account.entity';
import type { SessionRevocations } from '../sessions/session-revocations';

const sessionParam = z.string().regex(/^[A-Za-z0-9_-]{43}$/);
const reduced = z.object({ contactId: z.string().uuid() });

/**
 * Beside the JWKS: the revocation list every verifier polls (`?session=<hash>` asks about one
 * session, from the database, for mutations that cannot wait); and the call the contact subgraph
 * makes, with its caller's token, when a contact is deactivated or loses a contact type.
 */
export function revocationRoutes(
  app: Express,
  tools: {
    revocations: SessionRevocations;
    verify: TokenVerifier;
    dataSource: DataSource;
    logger: Logger;
    /** The organization a provisioning token acts for, or null (see `provisioning-scope.ts`). */
    provisioningScope: (authorization: string | undefined) => Promise<string | null>;
  },
) {
  const { revocations, verify, dataSource, logger, provisioningScope } = tools;
  app.get(REVOCATIONS_PATH, async (req, res) => {
    try {
      res.set('cache-control', 'no-store');
      if (req.query.session === undefined) return void res.json(await revocations.snapshot());
      const session = sessionParam.safeParse(req.query.session);
      if (!session.success) return void res.status(400).json({ error: 'session must be a session hash' });
      res.json({ revoked: await revocations.isHashRevokedNow(session.data) });
    } catch (error) {
      logger.error({ err: error }, 'revocation list unavailable');
      res.status(503).json({ error: 'unavailable' });
    }
  });

  app.post(CONTACT_ACCESS_REDUCED_PATH, express.json({ limit: '1kb' }), async (req, res) => {
    try {
      const body = reduced.safeParse(req.body);
      if (!body.success) return void res.status(400).json({ error: 'contactId must be a contact id' });
      const principal = await verify(req.headers.authorization).catch(() => null);
      // A directory provisioning through SCIM comes with its organization's provisioning token,
      // which only the contact subgraph knows: it says which organization the token acts for.
      const provisioned =
        principal && principal.kind !== 'anonymous' ? null : await provisioningScope(req.headers.authorization);
      if ((!principal || principal.kind === 'anonymous') && !provisioned)
        return void res.status(401).json({ error: 'unauthenticated' });
      // Only someone who may edit the contact's organization's contacts ends its sessions. Every
      // other case answers the same 204, so this tells nobody whether another organization's
      // contact has a login.
      const account = await dataSource.getRepository(SelfServiceAccount).findOneBy({ contactId: body.data.contactId });
      const mayEdit = (organizationId: string) =>
        provisioned
          ? provisioned === organizationId
          : decide(principal!, 'ORGANIZATION_CONTACTS', 'EDIT', organizationId) === true;
      // Its access tokens end now; a refresh reads the contact again (new types, or refused if inactive).
      if (account && mayEdit(account.organizationId)) await revocations.revokeAllOf([body.data.contactId]);
      res.status(204).end();
    } catch (error) {
      logger.error({ err: error }, 'ending the sessions of a contact failed');
      res.status(503).json({ error: 'unavailable' });
    }
  });
}
