import { can } from '@ecg/policy';
import type { Contact } from './contact.entity';

// "Create and maintain Organization Contact information": READ to see contacts and their panels,
// EDIT to change them and to read the audit trail; always in the contact's own organization.
// The rights every module of this subgraph guards its fields with, built once here.
const CONTACTS = 'ORGANIZATION_CONTACTS';
const ofContact = (contact: Contact) => contact.organizationId;
const ofOrganization = (organization: { id: string }) => organization.id;

/** On a Contact: the contact's organization. */
export const readContact = can(CONTACTS, 'READ', ofContact, 'contact.organization');
export const editContact = can(CONTACTS, 'EDIT', ofContact, 'contact.organization');
/** On an Organization: that organization. */
export const readContactsOf = can(CONTACTS, 'READ', ofOrganization, 'organization');
export const editContactsOf = can(CONTACTS, 'EDIT', ofOrganization, 'organization');
/** On a mutation: the organization its arguments name (`scopeName` tells the rules apart). */
export const editContactsIn = (scope: Parameters<typeof can>[2], scopeName: string) =>
  can(CONTACTS, 'EDIT', scope, scopeName);
