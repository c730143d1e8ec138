import { Arg, Ctx, ID, Mutation, Resolver } from 'type-graphql';
import { z } from 'zod';
import { validateArgs } from '@ecg/shared';
import type { ContactContext } from '../context';
import { Contact } from './contact.entity';
import { contactDetails, ContactDetailsInput, CreateContactInput } from './contact-form.inputs';
import { contactId } from './contact.inputs';
import { createContact, updateContact } from './contact-maintenance';

@Resolver(() => Contact)
export class ContactMaintenanceResolver {
  @Mutation(() => Contact, { description: 'The New button, then Save: "All changes successfully saved."' })
  createContact(@Arg('input', () => CreateContactInput) input: CreateContactInput, @Ctx() context: ContactContext) {
    const args = validateArgs(z.object({ input: contactDetails.and(z.object({ organizationId: z.string().uuid('is not an organization id') })) }), { input });
    return createContact(context.dataSource, args.input.organizationId, args.input);
  }

  @Mutation(() => Contact, { description: 'Save on an existing contact: every field of the form, as shown.' })
  updateContact(
    @Arg('id', () => ID) id: string,
    @Arg('input', () => ContactDetailsInput) input: ContactDetailsInput,
    @Ctx() context: ContactContext,
  ) {
    const args = validateArgs(z.object({ id: contactId, input: contactDetails }), { id, input });
    return updateContact(context.dataSource, args.id, args.input);
  }
}
