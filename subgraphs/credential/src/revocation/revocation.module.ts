import type { SubgraphModule } from '@ecg/infrastructure';
import type { CredentialServices } from '../services';
import { currentSession } from './current-session.rule';
import { SessionRevocation1763950000000 } from './migrations/1763950000000-session-revocation';
import { provisioningScope } from './provisioning-scope';
import { revocationRoutes } from './revocation.routes';
import { SessionRevocation } from '../sessions/session-revocation.entity';

/** Ended sessions: the list every verifier polls, and the at-once check before every mutation here. */
export const revocationModule: SubgraphModule<CredentialServices> = {
  name: 'revocation',
  entities: [SessionRevocation],
  migrations: [SessionRevocation1763950000000],
  everyMutation: currentSession,
  routes: (app, { services, verify, dataSource, logger }) =>
    revocationRoutes(app, {
      revocations: services.revocations,
      verify,
      dataSource,
      logger,
      provisioningScope: provisioningScope(services.config.contactUrl),
    }),
};
