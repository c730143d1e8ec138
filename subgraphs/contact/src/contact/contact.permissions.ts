import { allow, can, isAuthenticated, or, rule, type AuthContext } from '@ecg/shared';
import type { ContactContext } from '../context';
import type { Contact } from './contact.entity';
import type { CreateContactInput } from './contact-form.inputs';

const READ_CONTACTS = (scope: (parent: any, args: any, context: ContactContext) => unknown, name: string) =>
  can('ORGANIZATION_CONTACTS', 'READ', scope as never, name);
const EDIT_CONTACTS = (scope: (parent: any, args: any, context: ContactContext) => unknown, name: string) =>
  can('ORGANIZATION_CONTACTS', 'EDIT', scope as never, name);

/** A contact may always read itself (what `me` shows), whatever its contact types. */
const isThisContact = rule('isThisContact', { cache: 'strict' })(
  (contact: Contact, _args, context: AuthContext) => context.principal.kind === 'contact' && context.principal.id === contact.id && !context.principal.passwordChangeRequired,
);

const organizationOfContactArg = async (_parent: unknown, args: { id: string }, context: ContactContext) =>
  (await context.loaders.contact.byId.load(args.id))?.organizationId;

export const contactPermissions = {
  Query: { contact: isAuthenticated },
  Mutation: {
    createContact: EDIT_CONTACTS((_p, args: { input: CreateContactInput }) => args.input.organizationId, 'input.organizationId'),
    updateContact: EDIT_CONTACTS(organizationOfContactArg, 'contact(id).organization'),
  },
  Contact: { '*': or(isThisContact, READ_CONTACTS((contact: Contact) => contact.organizationId, 'contact.organization')) },
  Organization: { id: allow, contacts: READ_CONTACTS((organization: { id: string }) => organization.id, 'organization') },
  ContactPage: allow,
};
