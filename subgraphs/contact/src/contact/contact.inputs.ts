import { ArgsType, Field } from 'type-graphql';
import { z } from 'zod';
import { PageArgs, pageArgsShape } from '@ecg/infrastructure';
import { ContactSort, ContactStatus } from './contact-enums';

@ArgsType()
export class ContactsArgs extends PageArgs {
  @Field(() => ContactSort, { defaultValue: ContactSort.FULL_NAME_ASC })
  sort: ContactSort;

  @Field(() => ContactStatus, { nullable: true, description: 'Only contacts with this status.' })
  status?: ContactStatus | null;

  @Field(() => String, { nullable: true, description: 'Part of the full name or primary email.' })
  search?: string | null;
}

export const contactsArgs = z.object({
  ...pageArgsShape,
  sort: z.nativeEnum(ContactSort),
  status: z.nativeEnum(ContactStatus).nullish(),
  search: z.string().trim().max(100, 'is at most 100 characters').nullish(),
});

export type ContactsQuery = z.infer<typeof contactsArgs>;

export const contactId = z.string().uuid('is not a contact id');
