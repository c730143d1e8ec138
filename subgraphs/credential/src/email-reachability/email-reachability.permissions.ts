import { allow, can, or } from '@ecg/policy';
import type { CredentialContext } from '../context';
import type { Contact } from '../contact/contact.entity';
import type { Organization } from '../organization/organization.entity';

/** The contact's organization, as the contact subgraph knows it (null for an id it does not know). */
const ofContact = (contact: Contact, _args: unknown, context: CredentialContext) =>
  context.loaders.contactFacts.load(contact.id).then((facts) => facts?.organizationId ?? null);

/** Beside the Self Service Details panel, for whoever reads it, in the contact's organization. */
const readsPanels = or(
  can('ORGANIZATION_CONTACTS', 'READ', ofContact, 'contact (as the contact subgraph tells)'),
  can('SELF_SERVICE_RESET', 'EDIT', ofContact, 'contact (as the contact subgraph tells)'),
);

const itself = (organization: Organization) => organization.id;

export const emailReachabilityPermissions = {
  Contact: { emailReachability: readsPanels, emailWarnings: readsPanels },
  Organization: {
    emailReachabilityReport: or(
      can('ORGANIZATION_CONTACTS', 'READ', itself, 'organization (its report)'),
      can('SELF_SERVICE_RESET', 'EDIT', itself, 'organization (its report)'),
    ),
  },
  EmailReachability: allow,
  // Reached only through the guarded report.
  EmailReachabilityIssue: allow,
};
