import type { GraphQLResolveInfo } from 'graphql';
import { Args, Ctx, FieldResolver, Info, ObjectType, Resolver, Root } from 'type-graphql';
import { PageArgs, PageType, toPage } from '@ecg/infrastructure';
import { ContactSort, ContactStatus } from '../contact/contact-enums';
import { loginFilter } from '../contact/login-filter';
import type { ContactContext } from '../context';
import { Contact } from '../contact/contact.entity';
import { ContactsArgs } from '../contact/contact.inputs';
import { contactColumnsFor } from '../contact/contact.columns';
import { listContacts } from '../contact/contact.search';
import { Organization } from './organization.entity';

@ObjectType({ description: 'One page of contacts ("Page 2 of 2 | Results 11 - 19 of 19").' })
export class ContactPage extends PageType(Contact) {}

@Resolver(() => Organization)
export class OrganizationContactsResolver {
  @FieldResolver(() => ContactPage, { description: "The organization's contacts, a page at a time." })
  async contacts(
    @Root() organization: Organization,
    @Args(() => ContactsArgs) args: ContactsArgs,
    @Ctx() context: ContactContext,
    @Info() info: GraphQLResolveInfo,
  ) {
    const { selfServiceStatus, ...filters } = args;
    const logins = await loginFilter(organization.id, selfServiceStatus, (id, status) =>
      context.services.selfServiceContactIds(id, status, context.req.headers.authorization),
    );
    const [items, total] = await listContacts(
      context.dataSource,
      organization.id,
      { ...filters, logins },
      contactColumnsFor(context.dataSource, info),
    );
    return toPage(items, total, args);
  }

  @FieldResolver(() => ContactPage, {
    description: 'Active contacts with no primary email: they cannot receive self-service mail (ESR).',
  })
  async contactsMissingEmail(
    @Root() organization: Organization,
    @Args(() => PageArgs) page: PageArgs,
    @Ctx() context: ContactContext,
    @Info() info: GraphQLResolveInfo,
  ) {
    const [items, total] = await listContacts(
      context.dataSource,
      organization.id,
      { ...page, sort: ContactSort.FULL_NAME_ASC, status: ContactStatus.ACTIVE, missingEmail: true },
      contactColumnsFor(context.dataSource, info),
    );
    return toPage(items, total, page);
  }
}
