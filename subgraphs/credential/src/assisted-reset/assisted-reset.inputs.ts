import { z } from 'zod';
import { argsType } from '@ecg/infrastructure';
import { userName } from '../login/login.inputs';

// Each argument set lists its fields in the SDL's order.
const identityCheck = z.string().trim().max(200, 'is at most 200 characters per fact');

export const StartAssistedResetArgs = argsType(
  'StartAssistedResetArgs',
  z.object({
    identityChecks: z
      .array(identityCheck)
      .max(10, 'is at most 10 facts')
      .transform((facts) => facts.filter(Boolean))
      .refine((facts) => facts.length > 0, 'needs at least one identity fact you checked')
      .describe(
        'The identity facts the administrator checked (by phone or in person), in their own words: at least one.',
      ),
    contactId: z.string().uuid('is not a contact id'),
  }),
);
export type StartAssistedResetArgs = InstanceType<typeof StartAssistedResetArgs>;

export const CompleteAssistedResetArgs = argsType(
  'CompleteAssistedResetArgs',
  z.object({
    newPassword: z.string().min(1, 'is required').max(1024, 'is too long'),
    code: z.string().trim().min(1, 'is required').max(40, 'is not a valid code'),
    userName,
  }),
);
export type CompleteAssistedResetArgs = InstanceType<typeof CompleteAssistedResetArgs>;
