import { Args, Ctx, FieldResolver, Query, Resolver, Root } from 'type-graphql';
import { ContactType } from '@ecg/policy';
import type { ContactContext } from '../context';
import { Organization } from '../organization/organization.entity';
import { Contact } from './contact.entity';
import { ContactIdArgs } from './contact.inputs';
import { visibleContact } from './contact.visibility';

@Resolver(() => Contact)
export class ContactResolver {
  @Query(() => Contact, { nullable: true, description: 'The contact with this id, or null.' })
  contact(@Args(() => ContactIdArgs) { id }: ContactIdArgs, @Ctx() context: ContactContext) {
    return visibleContact(context, id);
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
