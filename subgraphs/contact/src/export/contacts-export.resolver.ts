import { Args, ArgsType, Field, FieldResolver, ObjectType, Resolver, Root } from 'type-graphql';
import { z } from 'zod';
import { validateArgs } from '@ecg/infrastructure';
import { ContactSort, ContactStatus } from '../contact/contact-enums';
import { Organization } from '../organization/organization.entity';
import { EXPORT_PATH } from './contacts-export.route';

@ArgsType()
class ExportArgs {
  @Field(() => ContactSort, { defaultValue: ContactSort.FULL_NAME_ASC }) sort: ContactSort;
  @Field(() => ContactStatus, { nullable: true }) status?: ContactStatus | null;
  @Field(() => String, { nullable: true }) search?: string | null;
}

@ObjectType({
  description: 'Where to download the spreadsheet: GET `url` on the gateway with the same Authorization header.',
})
export class ContactsExport {
  @Field(() => String, { description: 'Path on the gateway, e.g. /exports/contacts.xlsx?organizationId=…' })
  url: string;
  @Field(() => String) fileName: string;
  @Field(() => String) contentType: string;
}

@Resolver(() => Organization)
export class ContactsExportResolver {
  @FieldResolver(() => ContactsExport, {
    description: '"Export To Excel": every contact of the filtered list (not one page), as .xlsx.',
  })
  contactsExport(@Root() organization: Organization, @Args(() => ExportArgs) input: ExportArgs): ContactsExport {
    const args = validateArgs(
      z.object({
        sort: z.nativeEnum(ContactSort),
        status: z.nativeEnum(ContactStatus).nullish(),
        search: z.string().trim().max(100, 'is at most 100 characters').nullish(),
      }),
      input,
    );
    const query = new URLSearchParams({ organizationId: organization.id, sort: args.sort });
    if (args.status) query.set('status', args.status);
    if (args.search) query.set('search', args.search);
    return {
      url: `${EXPORT_PATH}?${query}`,
      fileName: 'contacts.xlsx',
      contentType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    };
  }
}
