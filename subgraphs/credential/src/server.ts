import 'reflect-metadata';
import { CreateRateLimit1763790000000, RateLimitWindow, startSubgraph, type RunningServer } from '@ecg/infrastructure';
import { loadCredentialConfig, type CredentialConfig } from './config';
import { createContext } from './context';
import { seedDemoData } from './demo';
import { SigningKey } from './keys/signing-key.entity';
import { CreateSelfServiceAccount1763780000000 } from './migrations/1763780000000-create-self-service-account';
import { Identity1763790000000 } from './migrations/1763790000000-identity';
import { SelfServiceLifecycle1763810000000 } from './migrations/1763810000000-self-service-lifecycle';
import { AccountToken } from './lifecycle/account-token.entity';
import { PasswordHistory } from './lifecycle/password-history.entity';
import { SecurityEvent } from './lifecycle/security-event.entity';
import { OutboxMessage } from './mail/outbox-message.entity';
import { credentialSubgraphPermissions as permissions } from './permissions';
import { buildSchema } from './schema';
import { AccountSecret } from './self-service/account-secret.entity';
import { SelfServiceAccount } from './self-service/self-service-account.entity';
import { startServices } from './services';
import { RefreshToken } from './sessions/refresh-token.entity';
import { StaffAccount } from './staff/staff-account.entity';
import { CredentialHardening1763900000000 } from './migrations/1763900000000-credential-hardening';
import { PasswordResetRequest } from './lifecycle/password-reset-request.entity';
import { localTokenVerifier, SessionRevocation, SessionRevocation1763950000000, revocationRoutes } from './revocation';
import { UserNamePerOrganization1763960000000 } from './migrations/1763960000000-user-name-per-organization';
import { PersonMemberships1764000000000 } from './migrations/1764000000000-person-memberships';
import { SecondFactors1764100000000 } from './migrations/1764100000000-second-factors';
import { SecondFactor } from './second-factor/second-factor.entity';
import { RecoveryCode } from './second-factor/recovery-code.entity';
import { Passkey } from './second-factor/passkey.entity';
import { Passkeys1764100000001 } from './migrations/1764100000001-passkeys';

export { buildSchema, loadCredentialConfig, type CredentialConfig };
export { hashPassword } from './passwords/password-hasher';
export { unlockStaffLogin } from './staff/staff-lockout';
export const entities = [
  SelfServiceAccount,
  AccountSecret,
  StaffAccount,
  SigningKey,
  RefreshToken,
  OutboxMessage,
  AccountToken,
  PasswordHistory,
  SecurityEvent,
  RateLimitWindow,
  PasswordResetRequest,
  SessionRevocation,
  SecondFactor,
  RecoveryCode,
  Passkey,
];
export const migrations = [
  CreateSelfServiceAccount1763780000000,
  Identity1763790000000,
  CreateRateLimit1763790000000,
  SelfServiceLifecycle1763810000000,
  CredentialHardening1763900000000,
  SessionRevocation1763950000000,
  UserNamePerOrganization1763960000000,
  PersonMemberships1764000000000,
  SecondFactors1764100000000,
  Passkeys1764100000001,
];

/** The credential subgraph: self-service logins, sign-in, tokens and the keys that sign them. */
export function createServer(config: CredentialConfig = loadCredentialConfig()): Promise<RunningServer> {
  return startSubgraph(
    {
      entities,
      migrations,
      buildSchema,
      permissions,
      createContext,
      seedDemoData,
      onStart: (dataSource, logger) => startServices(dataSource, config, logger),
      onStop: async (services) => void (await Promise.all([services.dispatcher.stop(), services.resetQueue.stop()])),
      // This subgraph holds the keys: it checks tokens with them directly.
      createVerifier: (services) => localTokenVerifier(services.keys.verificationKeys, config, services.revocations),
      routes: (app, { services, verify, dataSource, logger }) => {
        app.get('/.well-known/jwks.json', (_req, res) =>
          res.set('cache-control', 'public, max-age=300').json(services.keys.jwks),
        );
        revocationRoutes(app, { revocations: services.revocations, verify, dataSource, logger });
      },
    },
    config,
  );
}
