import { Args, Ctx, FieldResolver, ObjectType, Resolver, Root } from 'type-graphql';
import { PageArgs, pageOffset, PageType, toPage } from '@ecg/infrastructure';
import type { ContactContext } from '../context';
import { Contact } from '../contact/contact.entity';
import { Organization } from '../organization/organization.entity';
import { AuditEntry } from './audit-entry.entity';

@ObjectType({ description: 'One page of the audit trail, newest first.' })
export class AuditEntryPage extends PageType(AuditEntry) {}

async function trail(
  context: ContactContext,
  where: { organizationId: string } | { contactId: string },
  page: PageArgs,
) {
  const [items, total] = await context.dataSource
    .getRepository(AuditEntry)
    .findAndCount({ where, order: { at: 'DESC', id: 'DESC' }, skip: pageOffset(page), take: page.pageSize });
  return toPage(items, total, page);
}

@Resolver(() => Contact)
export class ContactAuditResolver {
  @FieldResolver(() => AuditEntryPage, {
    description: 'Every create and update of this contact: who, when, which fields.',
  })
  auditTrail(@Root() contact: Contact, @Args(() => PageArgs) page: PageArgs, @Ctx() context: ContactContext) {
    return trail(context, { contactId: contact.id }, page);
  }
}

@Resolver(() => Organization)
export class OrganizationAuditResolver {
  @FieldResolver(() => AuditEntryPage, { description: 'Every contact change in this organization.' })
  auditTrail(@Root() organization: Organization, @Args(() => PageArgs) page: PageArgs, @Ctx() context: ContactContext) {
    return trail(context, { organizationId: organization.id }, page);
  }
}
