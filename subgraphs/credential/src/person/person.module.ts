import type { SubgraphModule } from '@ecg/infrastructure';
import type { CredentialServices } from '../services';
import { PersonMemberships1764000000000 } from './migrations/1764000000000-person-memberships';
import { SecondFactorEver1764400000001 } from './migrations/1764400000001-second-factor-ever';

/** One login per person, a membership per organization (the rows live in the self-service module's table). */
export const personModule: SubgraphModule<CredentialServices> = {
  name: 'person',
  migrations: [PersonMemberships1764000000000, SecondFactorEver1764400000001],
};
