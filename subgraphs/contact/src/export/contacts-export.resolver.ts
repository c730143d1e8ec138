import { Args, Ctx, Field, FieldResolver, ObjectType, Resolver, Root } from 'type-graphql';
import { z } from 'zod';
import { argsType } from '@ecg/infrastructure';
import type { ContactContext } from '../context';
import { contactFilters } from '../contact/contact.inputs';
import { Organization } from '../organization/organization.entity';
import { EXPORT_PATH, exportFileName } from './contacts-export.route';

const ExportArgs = argsType('ExportArgs', z.object(contactFilters));
type ExportArgs = InstanceType<typeof ExportArgs>;

@ObjectType({
  description: 'Where to download the spreadsheet: GET `url` on the gateway with the same Authorization header.',
})
export class ContactsExport {
  @Field(() => String, { description: 'Path on the gateway, e.g. /exports/contacts.xlsx?organizationId=…' })
  url: string;
  @Field(() => String, { description: 'contacts-<organization code>-<YYYY-MM-DD>.xlsx, the day in DISPLAY_TIME_ZONE.' })
  fileName: string;
  @Field(() => String) contentType: string;
}

@Resolver(() => Organization)
export class ContactsExportResolver {
  @FieldResolver(() => ContactsExport, {
    description: '"Export To Excel": every contact of the filtered list (not one page), as .xlsx.',
  })
  async contactsExport(
    @Root() organization: Organization,
    @Args(() => ExportArgs) args: ExportArgs,
    @Ctx() context: ContactContext,
  ): Promise<ContactsExport> {
    const query = new URLSearchParams({ organizationId: organization.id, sort: args.sort });
    if (args.status) query.set('status', args.status);
    if (args.search) query.set('search', args.search);
    if (args.selfServiceStatus) query.set('selfServiceStatus', args.selfServiceStatus);
    return {
      url: `${EXPORT_PATH}?${query}`,
      fileName: exportFileName(
        await context.services.organizationCode(organization.id, context.req.headers.authorization),
        context.services.displayTimeZone,
      ),
      contentType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    };
  }
}
