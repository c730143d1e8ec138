import { allow, can, isAuthenticated, oncePerObject, or, rule, type AuthContext } from '@ecg/policy';
import type { ContactContext } from '../context';
import type { Contact } from './contact.entity';
import type { CreateContactInput } from './contact-form.inputs';

const ofContact = (contact: Contact) => contact.organizationId;
const itself = (organization: { id: string }) => organization.id;
const ofContactArg = async (_parent: unknown, args: { id: string }, context: ContactContext) =>
  (await context.loaders.contact.byId.load(args.id))?.organizationId;

const READ = 'READ' as const;
const EDIT = 'EDIT' as const;
const CONTACTS = 'ORGANIZATION_CONTACTS';

/** A contact may always read itself (what `me` shows), whatever its contact types. */
const isThisContact = rule('isThisContact', { cache: 'no_cache' })(
  (contact: Contact, _args, context: AuthContext) =>
    context.principal.kind === 'contact' &&
    context.principal.id === contact.id &&
    !context.principal.passwordChangeRequired,
);

/**
 * "Create and maintain Organization Contact information": READ to see contacts and their panels,
 * EDIT to change them and to read the audit trail; always in the contact's own organization.
 */
export const contactPermissions = {
  Query: { contact: isAuthenticated },
  Mutation: {
    createContact: can(
      CONTACTS,
      EDIT,
      (_p: unknown, args: { input: CreateContactInput }) => args.input.organizationId,
      'input.organizationId',
    ),
    updateContact: can(CONTACTS, EDIT, ofContactArg, 'contact(id).organization'),
    importContactEmails: can(
      CONTACTS,
      EDIT,
      (_p: unknown, args: { organization: string }) => args.organization,
      'organization-arg',
    ),
  },
  Contact: {
    // Neither rule reads the field or its arguments: decided once per contact, not once per field.
    '*': oncePerObject('Contact', or(isThisContact, can(CONTACTS, READ, ofContact, 'contact.organization'))),
    auditTrail: can(CONTACTS, EDIT, ofContact, 'contact.organization'),
  },
  Organization: {
    id: allow,
    contacts: can(CONTACTS, READ, itself, 'organization'),
    contactsMissingEmail: can(CONTACTS, READ, itself, 'organization'),
    contactsExport: can(CONTACTS, READ, itself, 'organization'),
    administratorCount: can(CONTACTS, READ, itself, 'organization'),
    warnings: can(CONTACTS, READ, itself, 'organization'),
    auditTrail: can(CONTACTS, EDIT, itself, 'organization'),
  },
  // Reached only through the guarded fields above.
  ContactPage: allow,
  AuditEntryPage: allow,
  AuditEntry: allow,
  FieldChange: allow,
  ContactsExport: allow,
  EmailImportResult: allow,
  EmailImportRow: allow,
};
