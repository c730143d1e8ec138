import { z } from 'zod';
import { ContactType } from '@ecg/policy';
import { argsType, inputType } from '@ecg/infrastructure';
import { ContactStatus, Gender } from './contact-enums';
import { contactId } from './contact.inputs';

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

/** A real day written YYYY-MM-DD (2026-02-30 is not one). */
const isCalendarDate = (v: string) =>
  /^\d{4}-\d{2}-\d{2}$/.test(v) && new Date(`${v}T00:00:00Z`).toISOString().startsWith(v);

/** The Contact Details and Contact Types panels, as the Save button sends them. */
const contactDetailsShape = {
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
  confirmPrimaryEmail: z.string().trim().describe('Must match primaryEmail (compared without regard to case).'),
  secondaryEmail: optional(254).refine(
    (v) => v === null || z.string().email().safeParse(v).success,
    'is not an email address',
  ),
  jobTitle: optional(100),
  temporaryEmailReviewBy: z
    .string()
    .trim()
    .nullish()
    .transform((v) => (v ? v : null))
    .refine((v) => v === null || isCalendarDate(v), 'is not a date (YYYY-MM-DD)')
    .describe(
      '"Temporary address, review by": the primary email is temporary, to be reviewed by this date (YYYY-MM-DD); null: a lasting address.',
    ),
  directoryContact: optional(100).describe(
    'A work phone or email to publish on Find your administrator (public while the contact is an active Administrator with a login); empty publishes none.',
  ),
  status: z.nativeEnum(ContactStatus),
  contactTypes: z
    .array(z.nativeEnum(ContactType))
    .min(1, 'at least one contact type is required')
    .refine((types) => new Set(types).size === types.length, 'lists a contact type twice')
    .describe('One or more.'),
};

// A business rule across two fields, so beside the shape rather than in it.
const sameEmailTwice = (v: { primaryEmail: string; confirmPrimaryEmail: string }, ctx: z.RefinementCtx) => {
  if (v.primaryEmail.toLowerCase() !== v.confirmPrimaryEmail.toLowerCase()) {
    ctx.addIssue({
      code: 'custom',
      path: ['confirmPrimaryEmail'],
      message: 'does not match the primary email address',
    });
  }
};

export const contactDetails = z.object(contactDetailsShape).superRefine(sameEmailTwice);
export type ContactDetails = z.infer<typeof contactDetails>;

export const ContactDetailsInput = inputType('ContactDetailsInput', contactDetails, {
  description: 'Contact Details and Contact Types: fields with an asterisk on the screen are required here.',
});

const createContactInput = z
  .object({
    ...contactDetailsShape,
    organizationId: z.string().uuid('is not an organization id').describe('The organization the contact acts for.'),
  })
  .superRefine(sameEmailTwice);

export const CreateContactInput = inputType('CreateContactInput', createContactInput);
export type CreateContactInput = InstanceType<typeof CreateContactInput>;

export const CreateContactArgs = argsType('CreateContactArgs', z.object({ input: createContactInput }));
export type CreateContactArgs = InstanceType<typeof CreateContactArgs>;

export const UpdateContactArgs = argsType(
  'UpdateContactArgs',
  // In the SDL's order (type-graphql listed `@Arg`s last to first).
  z.object({
    input: contactDetails,
    expectedVersion: z.number().int().min(1).describe('The `version` the form was loaded with.'),
    id: contactId,
  }),
);
export type UpdateContactArgs = InstanceType<typeof UpdateContactArgs>;
