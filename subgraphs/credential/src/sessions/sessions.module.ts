import type { SubgraphModule } from '@ecg/infrastructure';
import { can } from '@ecg/policy';
import type { Organization } from '../organization/organization.entity';
import type { CredentialServices } from '../services';
import { SessionLifetime1764200000000 } from './migrations/1764200000000-session-lifetime';
import { RefreshToken } from './refresh-token.entity';
import { OrganizationSessionRulesResolver } from './session-rules.resolver';

/**
 * Sessions: rotating refresh tokens (stored hashed) and the access tokens made from them; how
 * long a change of an organization's sign-in rules takes to reach them.
 */
export const sessionsModule: SubgraphModule<CredentialServices> = {
  name: 'sessions',
  entities: [RefreshToken],
  migrations: [SessionLifetime1764200000000],
  resolvers: [OrganizationSessionRulesResolver],
  rules: {
    Organization: {
      sessionRuleDelaySeconds: can('ORGANIZATION_DETAILS', 'READ', (o: Organization) => o.id, 'organization'),
    },
  },
};
