import { z } from 'zod';
import { argsType, inputType } from '@ecg/infrastructure';
import { OrganizationType } from './organization-type';
import { plainText } from './plain-text';

const optional = (max: number) =>
  z
    .string()
    .trim()
    .max(max, `is at most ${max} characters`)
    .nullish()
    .transform((v) => (v ? v : null));

const address = z.object({
  line1: optional(200),
  line2: optional(200),
  city: optional(100),
  state: optional(100),
  postalCode: optional(20),
  country: optional(100),
});

export const AddressInput = inputType('AddressInput', address, { description: "The organization's address." });

export const organizationInput = z.object({
  name: z.string().trim().min(1, 'is required').max(200, 'is at most 200 characters'),
  organizationType: z.nativeEnum(OrganizationType),
  automaticInternetAccess: z.boolean().describe('ESR\'s "Automatic Internet Access".'),
  secondFactorRequired: z
    .boolean()
    .nullish()
    .describe('Contacts must sign in with a second factor. Omitted: unchanged.'),
  address,
  helpMessage: plainText(300).describe(
    'The short help message the public administrator lookup shows ("contact HR/IT on ..."). Omitted: unchanged; null or empty: none.',
  ),
});

export const OrganizationInput = inputType('OrganizationInput', organizationInput, {
  description: 'Organization details and address, as the maintenance screen saves them.',
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
