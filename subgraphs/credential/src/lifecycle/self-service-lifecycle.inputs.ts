import { z } from 'zod';
import { argsType } from '@ecg/infrastructure';
import { userName } from '../login/login.inputs';

// Each argument set lists its fields in the SDL's order (type-graphql listed `@Arg`s last to first).
const contactId = z.string().uuid('is not a contact id');
const token = z.string().min(20, 'is not a valid link token').max(200, 'is not a valid link token');
const message = z
  .string()
  .trim()
  .max(500, 'is at most 500 characters')
  .nullish()
  .transform((v) => v || null);

/** register, reEnroll, unlock: the buttons of a contact's panel. */
export const ContactIdArgs = argsType('SelfServiceContactArgs', z.object({ contactId }));
export type ContactIdArgs = InstanceType<typeof ContactIdArgs>;

export const RegisterManyArgs = argsType(
  'RegisterManyArgs',
  z.object({
    contactIds: z
      .array(contactId)
      .min(1, 'needs at least one contact')
      .max(100, 'is at most 100 contacts at once')
      .describe('Up to 100 contacts of one organization.'),
  }),
);
export type RegisterManyArgs = InstanceType<typeof RegisterManyArgs>;

export const TokenArgs = argsType('LinkTokenArgs', z.object({ token }));
export type TokenArgs = InstanceType<typeof TokenArgs>;

export const RequestPasswordResetArgs = argsType('RequestPasswordResetArgs', z.object({ userName }));
export type RequestPasswordResetArgs = InstanceType<typeof RequestPasswordResetArgs>;

export const ResetPasswordArgs = argsType(
  'ResetPasswordArgs',
  z.object({ newPassword: z.string().min(1, 'is required').max(1024, 'is too long'), token }),
);
export type ResetPasswordArgs = InstanceType<typeof ResetPasswordArgs>;

export const SelfServiceMessagesArgs = argsType(
  'SelfServiceMessagesArgs',
  z.object({ externalMessage: message, internalMessage: message, contactId }),
);
export type SelfServiceMessagesArgs = InstanceType<typeof SelfServiceMessagesArgs>;
