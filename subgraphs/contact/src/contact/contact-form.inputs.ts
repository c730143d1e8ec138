import { Field, ID, InputType } from 'type-graphql';
import { z } from 'zod';
import { ContactType } from '@ecg/policy';
import { ContactStatus, Gender } from './contact-enums';

/** The Contact Details and Contact Types panels, as the Save button sends them. */
@InputType({
  description: 'Contact Details and Contact Types: fields with an asterisk on the screen are required here.',
})
export class ContactDetailsInput {
  @Field(() => String, { nullable: true }) namePrefix?: string | null;
  @Field(() => String) firstName: string;
  @Field(() => String, { nullable: true }) middleName?: string | null;
  @Field(() => String) lastName: string;
  @Field(() => String, { nullable: true }) nameSuffix?: string | null;
  @Field(() => Gender, { nullable: true }) gender?: Gender | null;
  @Field(() => String, { nullable: true }) primaryPhoneNumber?: string | null;
  @Field(() => String, { nullable: true }) primaryPhoneExtension?: string | null;
  @Field(() => String, { nullable: true }) secondaryPhoneNumber?: string | null;
  @Field(() => String, { nullable: true }) mobilePhoneNumber?: string | null;
  @Field(() => String) primaryEmail: string;
  @Field(() => String, { description: 'Must match primaryEmail (compared without regard to case).' })
  confirmPrimaryEmail: string;
  @Field(() => String, { nullable: true }) secondaryEmail?: string | null;
  @Field(() => String, { nullable: true }) jobTitle?: string | null;
  @Field(() => ContactStatus) status: ContactStatus;
  @Field(() => [ContactType], { description: 'One or more.' }) contactTypes: ContactType[];
}

@InputType()
export class CreateContactInput extends ContactDetailsInput {
  @Field(() => ID, { description: 'The organization the contact acts for.' }) organizationId: string;
}

// Optional text: trimmed, and empty means "none".
const optional = (max: number) =>
  z
    .string()
    .trim()
    .max(max, `is at most ${max} characters`)
    .nullish()
    .transform((v) => (v ? v : null));
const required = (max: number) => z.string().trim().min(1, 'is required').max(max, `is at most ${max} characters`);
const email = z
  .string()
  .trim()
  .min(1, 'is required')
  .max(254, 'is at most 254 characters')
  .email('is not an email address');
const phone = optional(30).refine(
  (v) => v === null || (/^\+?[0-9 ().-]+$/.test(v) && v.replace(/\D/g, '').length >= 7),
  'is not a phone number',
);

export const contactDetails = z
  .object({
    namePrefix: optional(20),
    firstName: required(100),
    middleName: optional(100),
    lastName: required(100),
    nameSuffix: optional(20),
    gender: z
      .nativeEnum(Gender)
      .nullish()
      .transform((v) => v ?? null),
    primaryPhoneNumber: phone,
    primaryPhoneExtension: optional(10).refine((v) => v === null || /^[0-9]+$/.test(v), 'must be digits only'),
    secondaryPhoneNumber: phone,
    mobilePhoneNumber: phone,
    primaryEmail: email,
    confirmPrimaryEmail: z.string().trim(),
    secondaryEmail: optional(254).refine(
      (v) => v === null || z.string().email().safeParse(v).success,
      'is not an email address',
    ),
    jobTitle: optional(100),
    status: z.nativeEnum(ContactStatus),
    contactTypes: z
      .array(z.nativeEnum(ContactType))
      .min(1, 'at least one contact type is required')
      .refine((types) => new Set(types).size === types.length, 'lists a contact type twice'),
  })
  .superRefine((v, ctx) => {
    if (v.primaryEmail.toLowerCase() !== v.confirmPrimaryEmail.toLowerCase()) {
      ctx.addIssue({
        code: 'custom',
        path: ['confirmPrimaryEmail'],
        message: 'does not match the primary email address',
      });
    }
  });

export type ContactDetails = z.infer<typeof contactDetails>;
