import { remoteSessionStatus } from '@ecg/policy';
import type { SubgraphConfig } from '@ecg/infrastructure';

/** What this subgraph asks of the credential subgraph: whether a session has ended, now. */
export const organizationServices = (config: SubgraphConfig) => ({
  sessionStatus: remoteSessionStatus(config.auth.jwksUrl),
});

export type OrganizationServices = ReturnType<typeof organizationServices>;
