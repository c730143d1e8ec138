import { allow, permissions } from '@ecg/shared';
import { loginPermissions } from './login/login.permissions';
import { selfServicePermissions } from './self-service/self-service.permissions';

export const credentialSubgraphPermissions = permissions({
  ...loginPermissions,
  ...selfServicePermissions,
  Contact: { id: allow, ...selfServicePermissions.Contact },
});
