import { z } from 'zod';
import { argsType, PageArgs, pageArgsShape } from '@ecg/infrastructure';
import { ContactSelfServiceFilter, ContactSort, ContactStatus } from './contact-enums';

export const contactId = z.string().uuid('is not a contact id');

/** The list's filters, shared by the Contacts panel and "Export To Excel". */
export const contactFilters = {
  sort: z.nativeEnum(ContactSort).default(ContactSort.FULL_NAME_ASC),
  status: z.nativeEnum(ContactStatus).nullish(),
  search: z.string().trim().max(100, 'is at most 100 characters').nullish(),
  selfServiceStatus: z
    .nativeEnum(ContactSelfServiceFilter)
    .nullish()
    .describe("Only contacts whose self-service login has this status (the Self Service Details panel's), or none."),
};

export const contactsArgs = z.object({
  ...pageArgsShape,
  ...contactFilters,
  status: contactFilters.status.describe('Only contacts with this status.'),
  search: contactFilters.search.describe('Part of the full name or primary email.'),
});
export const ContactsArgs = argsType('ContactsArgs', contactsArgs, { extends: PageArgs });
export type ContactsArgs = InstanceType<typeof ContactsArgs>;

export type ContactsQuery = z.infer<typeof contactsArgs>;

export const ContactIdArgs = argsType('ContactIdArgs', z.object({ id: contactId }));
export type ContactIdArgs = InstanceType<typeof ContactIdArgs>;
