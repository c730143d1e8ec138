import 'reflect-metadata';
import { createTokenVerifier, startSubgraph, type RunningServer } from '@ecg/shared';
import { loadCredentialConfig, type CredentialConfig } from './config';
import { createContext } from './context';
import { seedDemoData } from './demo';
import { SigningKey } from './keys/signing-key.entity';
import { CreateSelfServiceAccount1763780000000 } from './migrations/1763780000000-create-self-service-account';
import { Identity1763790000000 } from './migrations/1763790000000-identity';
import { credentialSubgraphPermissions as permissions } from './permissions';
import { buildSchema } from './schema';
import { AccountSecret } from './self-service/account-secret.entity';
import { SelfServiceAccount } from './self-service/self-service-account.entity';
import { startServices } from './services';
import { RefreshToken } from './sessions/refresh-token.entity';
import { StaffAccount } from './staff/staff-account.entity';

export { buildSchema, loadCredentialConfig, type CredentialConfig };
export { hashPassword } from './passwords/password-hasher';
export const entities = [SelfServiceAccount, AccountSecret, StaffAccount, SigningKey, RefreshToken];
export const migrations = [CreateSelfServiceAccount1763780000000, Identity1763790000000];

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
      // This subgraph holds the keys: it checks tokens with them directly.
      createVerifier: (services) => createTokenVerifier(services.keys.verificationKeys, config.auth),
      routes: (app, { services }) => {
        app.get('/.well-known/jwks.json', (_req, res) => res.set('cache-control', 'public, max-age=300').json(services.keys.jwks));
      },
    },
    config,
  );
}
