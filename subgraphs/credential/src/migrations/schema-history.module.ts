import type { SubgraphModule } from '@ecg/infrastructure';
import type { CredentialServices } from '../services';
import { CreateSelfServiceAccount1763780000000 } from './1763780000000-create-self-service-account';
import { Identity1763790000000 } from './1763790000000-identity';
import { SelfServiceLifecycle1763810000000 } from './1763810000000-self-service-lifecycle';
import { CredentialHardening1763900000000 } from './1763900000000-credential-hardening';
import { UserNamePerOrganization1763960000000 } from './1763960000000-user-name-per-organization';

/**
 * The migrations written before features had folders: each changes tables of several features.
 * They stay here, in their order; a new migration goes into the folder of the feature it serves.
 */
export const schemaHistoryModule: SubgraphModule<CredentialServices> = {
  name: 'schema-history',
  migrations: [
    CreateSelfServiceAccount1763780000000,
    Identity1763790000000,
    SelfServiceLifecycle1763810000000,
    CredentialHardening1763900000000,
    UserNamePerOrganization1763960000000,
  ],
};
