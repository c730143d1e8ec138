import { Field, InputType } from 'type-graphql';
import { z } from 'zod';
import { OrganizationType } from './organization-type';
import { plainText } from './plain-text';

@InputType({ description: "The organization's address." })
export class AddressInput {
  @Field(() => String, { nullable: true }) line1?: string | null;
  @Field(() => String, { nullable: true }) line2?: string | null;
  @Field(() => String, { nullable: true }) city?: string | null;
  @Field(() => String, { nullable: true }) state?: string | null;
  @Field(() => String, { nullable: true }) postalCode?: string | null;
  @Field(() => String, { nullable: true }) country?: string | null;
}

@InputType({ description: 'Organization details and address, as the maintenance screen saves them.' })
export class OrganizationInput {
  @Field(() => String) name: string;
  @Field(() => OrganizationType) organizationType: OrganizationType;
  @Field(() => Boolean, { description: 'ESR\'s "Automatic Internet Access".' }) automaticInternetAccess: boolean;
  @Field(() => Boolean, {
    nullable: true,
    description: 'Contacts must sign in with a second factor. Omitted: unchanged.',
  })
  secondFactorRequired?: boolean | null;
  @Field(() => AddressInput) address: AddressInput;
  @Field(() => String, {
    nullable: true,
    description:
      'The short help message the public administrator lookup shows ("contact HR/IT on ..."). Omitted: unchanged; null or empty: none.',
  })
  helpMessage?: string | null;
}

const optional = (max: number) =>
  z
    .string()
    .trim()
    .max(max, `is at most ${max} characters`)
    .nullish()
    .transform((v) => (v ? v : null));

export const organizationInput = z.object({
  name: z.string().trim().min(1, 'is required').max(200, 'is at most 200 characters'),
  organizationType: z.nativeEnum(OrganizationType),
  automaticInternetAccess: z.boolean(),
  secondFactorRequired: z.boolean().nullish(),
  address: z.object({
    line1: optional(200),
    line2: optional(200),
    city: optional(100),
    state: optional(100),
    postalCode: optional(20),
    country: optional(100),
  }),
  helpMessage: plainText(300),
});
