import 'reflect-metadata';
import { buildModuleSchema, mergeModules, startSubgraph, type RunningServer } from '@ecg/infrastructure';
import { loadCredentialConfig, type CredentialConfig } from './config';
import { seedDemoData } from './demo';
import { credentialModules } from './modules';
import { localTokenVerifier } from './revocation';
import { startServices } from './services';

const merged = mergeModules(credentialModules);
export const { entities, migrations } = merged;
export const buildSchema = () => buildModuleSchema(merged);
export { loadCredentialConfig, type CredentialConfig };
export { hashPassword, PRODUCTION_HASH_COST } from './passwords/password-hasher';
export { unlockStaffLogin } from './staff-logins/staff-lockout';
export { resetStaffSecondFactors } from './staff-logins/staff-second-factor';
export { secondFactors } from './second-factor/second-factors';
export { purgeExpired } from './purge/purge';

/** The credential subgraph: self-service logins, sign-in, tokens and the keys that sign them. */
export function createServer(config: CredentialConfig = loadCredentialConfig()): Promise<RunningServer> {
  return startSubgraph(
    {
      modules: credentialModules,
      seedDemoData,
      onStart: (dataSource, logger) => startServices(dataSource, config, logger),
      onStop: async (services) =>
        void (await Promise.all([
          services.dispatcher.stop(),
          services.resetQueue.stop(),
          services.purge.stop(),
          services.lapses.stop(),
        ])),
      // This subgraph holds the keys: it checks tokens with them directly.
      createVerifier: (services) => localTokenVerifier(services.keys.verificationKeys, config, services.revocations),
    },
    config,
  );
}
