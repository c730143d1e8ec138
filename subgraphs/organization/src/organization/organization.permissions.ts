import { allow, can, isAuthenticated, oncePerObject, or, race, rule, type AuthContext } from '@ecg/policy';
import type { OrganizationContext } from '../context';
import type { Organization } from './organization.entity';

const itself = (organization: Organization) => organization.id;

/** Every contact may see which organization it acts for (`me.organization`), whatever its types. */
const isOwnOrganization = rule('isOwnOrganization', { cache: 'no_cache' })(
  (organization: Organization, _args, context: AuthContext) =>
    context.principal.kind === 'contact' && context.principal.organizationId === organization.id,
);
/**
 * A person of several organizations may see which they are (`me.memberships[].organization`):
 * the identity of every organization they belong to, nothing else of it. Asked of the credential
 * subgraph, which keeps memberships (the token names only the organization it acts for).
 */
const isMembersOrganization = rule('isMembersOrganization', { cache: 'no_cache' })(
  async (organization: Organization, _args, context: OrganizationContext) =>
    context.principal.kind === 'contact' &&
    (await context.services.memberOrganizations(context.req)).has(organization.id),
);
const readDetails = can('ORGANIZATION_DETAILS', 'READ', itself, 'organization');
// Decided once per organization object, not for each of its four identity fields; the membership
// list (a call to another service) only when the token's own organization and types refuse.
const identity = oncePerObject(
  'Organization identity',
  race(or(isOwnOrganization, readDetails), isMembersOrganization),
);

/** Reading an organization needs READ on its details, its address READ on the address: own organization only. */
export const organizationPermissions = {
  Query: { organization: isAuthenticated, organizations: isAuthenticated },
  Mutation: {
    updateOrganization: can(
      'ORGANIZATION_DETAILS',
      'EDIT',
      (_parent: unknown, args: { id: string }) => args.id,
      'id-arg',
    ),
  },
  Organization: {
    '*': readDetails,
    id: identity,
    code: identity,
    name: identity,
    displayName: identity,
    address: can('ORGANIZATION_ADDRESS', 'READ', itself, 'organization'),
  },
  // Reached only through a guarded Organization field or page.
  Address: allow,
  OrganizationPage: allow,
};
