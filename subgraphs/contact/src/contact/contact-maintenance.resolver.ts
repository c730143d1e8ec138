import { Args, Ctx, Mutation, Resolver } from 'type-graphql';
import { badUserInput } from '@ecg/infrastructure';
import type { ContactContext } from '../context';
import { Contact } from './contact.entity';
import { CreateContactArgs, UpdateContactArgs } from './contact-form.inputs';
import { createContact, updateContact } from './contact-maintenance';

@Resolver(() => Contact)
export class ContactMaintenanceResolver {
  @Mutation(() => Contact, { description: 'The New button, then Save: "All changes successfully saved."' })
  async createContact(@Args(() => CreateContactArgs) args: CreateContactArgs, @Ctx() context: ContactContext) {
    // A contact may only create in its own organization (the rule saw to it), which exists; staff
    // name any id, so it is asked of the organization subgraph: no contact without an organization.
    if (
      context.principal.kind !== 'contact' &&
      !(await context.services.organizationExists(args.input.organizationId, context.req.headers.authorization))
    ) {
      throw badUserInput([{ field: 'input.organizationId', message: 'is not an existing organization' }]);
    }
    return createContact(context.dataSource, context.principal, args.input.organizationId, args.input);
  }

  @Mutation(() => Contact, {
    description:
      'Save on an existing contact: every field of the form, as shown. CONFLICT when someone saved since `expectedVersion`; LAST_ADMINISTRATOR when it would leave the organization without an active Administrator.',
  })
  updateContact(@Args(() => UpdateContactArgs) args: UpdateContactArgs, @Ctx() context: ContactContext) {
    return updateContact(
      context.dataSource,
      context.principal,
      args.id,
      args.expectedVersion,
      args.input,
      (contactId) => context.services.contactAccessReduced(contactId, context.req.headers.authorization),
    );
  }
}
