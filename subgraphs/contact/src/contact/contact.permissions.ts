import { isAuthenticated, oncePerObject, or, rule, type AuthContext } from '@ecg/policy';
import type { ContactContext } from '../context';
import { editContactsIn, readContact } from './contact-rights';
import type { Contact } from './contact.entity';
import type { CreateContactInput } from './contact-form.inputs';

const ofContactArg = async (_parent: unknown, args: { id: string }, context: ContactContext) =>
  (await context.loaders.contact.byId.load(args.id))?.organizationId;

/** A contact may always read itself (what `me` shows), whatever its contact types. */
const isThisContact = rule('isThisContact', { cache: 'no_cache' })(
  (contact: Contact, _args, context: AuthContext) =>
    context.principal.kind === 'contact' &&
    context.principal.id === contact.id &&
    !context.principal.passwordChangeRequired,
);

export const contactPermissions = {
  Query: { contact: isAuthenticated },
  Mutation: {
    createContact: editContactsIn(
      (_p: unknown, args: { input: CreateContactInput }) => args.input.organizationId,
      'input.organizationId',
    ),
    updateContact: editContactsIn(ofContactArg, 'contact(id).organization'),
  },
  Contact: {
    // Neither rule reads the field or its arguments: decided once per contact, not once per field.
    '*': oncePerObject('Contact', or(isThisContact, readContact)),
  },
};
