import { Args, Ctx, FieldResolver, ObjectType, Resolver, Root } from 'type-graphql';
import { PageType, toPage, validateArgs } from '@ecg/shared';
import type { ContactContext } from '../context';
import { Contact } from '../contact/contact.entity';
import { ContactsArgs, contactsArgs } from '../contact/contact.inputs';
import { listContacts } from '../contact/contact.search';
import { Organization } from './organization.entity';

@ObjectType({ description: 'One page of contacts ("Page 2 of 2 | Results 11 - 19 of 19").' })
export class ContactPage extends PageType(Contact) {}

@Resolver(() => Organization)
export class OrganizationContactsResolver {
  @FieldResolver(() => ContactPage, { description: "The organization's contacts, a page at a time." })
  async contacts(@Root() organization: Organization, @Args(() => ContactsArgs) input: ContactsArgs, @Ctx() context: ContactContext) {
    const args = validateArgs(contactsArgs, input);
    const [items, total] = await listContacts(context.dataSource, organization.id, args);
    return toPage(items, total, args);
  }
}
