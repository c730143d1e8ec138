import { remoteSessionStatus } from '@ecg/policy';
import type { OrganizationConfig } from '../config';
import { memberOrganizations } from './member-organizations';

/**
 * What this subgraph asks of the credential subgraph: whether a session has ended, now; which
 * organizations the caller belongs to. And the helpdesk Find your administrator names, and the zone times are shown in.
 */
export const organizationServices = (config: OrganizationConfig) => ({
  helpdeskContact: config.helpdeskContact,
  displayTimeZone: config.displayTimeZone,
  sessionStatus: remoteSessionStatus(config.auth.jwksUrl),
  memberOrganizations: memberOrganizations(config.auth.jwksUrl),
});

export type OrganizationServices = ReturnType<typeof organizationServices>;
