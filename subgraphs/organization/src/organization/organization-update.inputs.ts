import { z } from 'zod';
import { argsType, inputType } from '@ecg/infrastructure';
import { OrganizationType } from './organization-type';
import { plainText } from './plain-text';

// A partial change (only the fields sent): an omitted field stays as it is, null or empty clears it.
const optional = (max: number) =>
  z
    .string()
    .trim()
    .max(max, `is at most ${max} characters`)
    .nullish()
    .transform((v) => (v === undefined ? undefined : v ? v : null));

const address = z.object({
  line1: optional(200),
  line2: optional(200),
  city: optional(100),
  state: optional(100),
  postalCode: optional(20),
  country: optional(100),
});

export const AddressInput = inputType('AddressInput', address, { description: "The organization's address." });

// A domain as people type it after the @: lower case, letters, digits and hyphens between dots.
const DOMAIN = /^(?=.{1,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/;
const domains = (what: string) =>
  z
    .array(
      z
        .string()
        .trim()
        .toLowerCase()
        .transform((v) => v.replace(/^@/, ''))
        .refine((v) => DOMAIN.test(v), 'is not an email domain (like nhs.example)'),
    )
    .max(50, 'holds at most 50 domains')
    .transform((list) => [...new Set(list)])
    .optional()
    .describe(`${what} Omitted: unchanged; empty: none.`);

export const organizationInput = z.object({
  name: z
    .string()
    .trim()
    .min(1, 'is required')
    .max(200, 'is at most 200 characters')
    .optional()
    .describe('Omitted: unchanged.'),
  organizationType: z.nativeEnum(OrganizationType).optional().describe('Omitted: unchanged.'),
  automaticInternetAccess: z.boolean().nullish().describe('ESR\'s "Automatic Internet Access". Omitted: unchanged.'),
  secondFactorRequired: z
    .boolean()
    .nullish()
    .describe('Contacts must sign in with a second factor. Omitted: unchanged.'),
  internalOnlyEmailDomains: domains("Email domains that work only inside the organization's network."),
  approvedEmailDomains: domains('The email domains contacts are expected to use (others are saved with a warning).'),
  address: address.optional().describe('Only the lines sent change; omitted: the address is unchanged.'),
  helpMessage: plainText(300).describe(
    'The short help message the public administrator lookup shows ("contact HR/IT on ..."). Omitted: unchanged; null or empty: none.',
  ),
});

export const OrganizationInput = inputType('OrganizationInput', organizationInput, {
  description:
    'A change of organization details and address: only the fields sent change (the whole record, as older clients send it, still works).',
});

export const UpdateOrganizationArgs = argsType(
  'UpdateOrganizationArgs',
  // In the SDL's order (type-graphql listed `@Arg`s last to first).
  z.object({
    input: organizationInput,
    expectedVersion: z.number().int().min(1),
    id: z.string().uuid('is not an organization id'),
  }),
);
export type UpdateOrganizationArgs = InstanceType<typeof UpdateOrganizationArgs>;
