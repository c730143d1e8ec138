import { remoteSessionStatus } from '@ecg/policy';
import type { SubgraphConfig } from '@ecg/infrastructure';
import { memberOrganizations } from './member-organizations';

/** What this subgraph asks of the credential subgraph: whether a session has ended, now; which organizations the caller belongs to. */
export const organizationServices = (config: SubgraphConfig) => ({
  sessionStatus: remoteSessionStatus(config.auth.jwksUrl),
  memberOrganizations: memberOrganizations(config.auth.jwksUrl),
});

export type OrganizationServices = ReturnType<typeof organizationServices>;
