import { allow, can, holds } from '@ecg/policy';
import type { Organization } from '../organization/organization.entity';

/**
 * Deciding requests is maintaining the organization's details (the matrix grants it to
 * Administrators, in their own organization; staff anywhere). Filing one needs only its token.
 */
export const internetAccessPermissions = {
  Mutation: {
    requestInternetAccess: allow,
    // The request's own organization is checked by the flow, which answers NOT_FOUND for another's.
    decideInternetAccessRequest: holds('ORGANIZATION_DETAILS', 'EDIT'),
    withdrawInternetAccess: holds('ORGANIZATION_DETAILS', 'EDIT'),
  },
  Organization: {
    internetAccessRequests: can('ORGANIZATION_DETAILS', 'EDIT', (o: Organization) => o.id, 'organization'),
  },
  InternetAccessRequest: allow,
};
