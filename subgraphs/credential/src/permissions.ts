import { allow, permissions } from '@ecg/policy';
import { myAccountPermissions } from './account/my-account.permissions';
import { lifecyclePermissions } from './lifecycle/self-service-lifecycle.permissions';
import { loginPermissions } from './login/login.permissions';
import { selfServicePermissions } from './self-service/self-service.permissions';
import { currentSession } from './revocation/current-session.rule';

export const credentialSubgraphPermissions = permissions(
  {
    ...loginPermissions,
    ...selfServicePermissions,
    ...lifecyclePermissions,
    ...myAccountPermissions,
    Query: { ...loginPermissions.Query, ...myAccountPermissions.Query },
    Mutation: { ...loginPermissions.Mutation, ...lifecyclePermissions.Mutation, ...myAccountPermissions.Mutation },
    Contact: { id: allow, ...selfServicePermissions.Contact },
  },
  [],
  { currentSession },
);
