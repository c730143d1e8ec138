import { Arg, Ctx, FieldResolver, ID, Query, Resolver, Root } from 'type-graphql';
import { z } from 'zod';
import { ContactType } from '@ecg/policy';
import { validateArgs } from '@ecg/infrastructure';
import type { ContactContext } from '../context';
import { Organization } from '../organization/organization.entity';
import { Contact } from './contact.entity';
import { contactId } from './contact.inputs';
import { visibleContact } from './contact.visibility';

@Resolver(() => Contact)
export class ContactResolver {
  @Query(() => Contact, { nullable: true, description: 'The contact with this id, or null.' })
  contact(@Arg('id', () => ID) id: string, @Ctx() context: ContactContext) {
    const args = validateArgs(z.object({ id: contactId }), { id });
    return visibleContact(context, args.id);
  }

  @FieldResolver(() => [ContactType], { description: 'One or more; what this contact may do.' })
  contactTypes(@Root() contact: Contact, @Ctx() context: ContactContext) {
    return context.loaders.contact.typesByContactId.load(contact.id);
  }

  @FieldResolver(() => Organization)
  organization(@Root() contact: Contact) {
    return new Organization(contact.organizationId);
  }
}
