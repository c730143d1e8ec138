import type { SubgraphModule } from '@ecg/infrastructure';
import type { CredentialServices } from '../services';
import { mePermissions } from './me.permissions';
import { MeResolver } from './me.resolver';
import { MembershipsResolver } from './memberships.resolver';

/** `me`: who is signed in, with which rights, and in which organizations. */
export const meModule: SubgraphModule<CredentialServices> = {
  name: 'me',
  resolvers: [MeResolver, MembershipsResolver],
  rules: mePermissions,
};
