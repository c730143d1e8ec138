import { z } from 'zod';
import { argsType } from '@ecg/infrastructure';
import { InternetAccessRequestStatus } from '../person/internet-access-request.entity';

const words = (max: number) => z.string().trim().max(max, `is at most ${max} characters`).nullish();

export const RequestInternetAccessArgs = argsType(
  'RequestInternetAccessArgs',
  z.object({
    token: z
      .string()
      .min(1, 'is required')
      .max(1024, 'is too long')
      .describe('`LoginResult.internetAccessRequestToken`.'),
    reason: words(500).describe('Why the person needs to sign in from the internet (optional).'),
  }),
);
export type RequestInternetAccessArgs = InstanceType<typeof RequestInternetAccessArgs>;

export const DecideInternetAccessRequestArgs = argsType(
  'DecideInternetAccessRequestArgs',
  z.object({
    id: z.string().uuid('is not a request id'),
    approve: z.boolean(),
    note: words(500).describe('Told to the person with the decision (optional).'),
  }),
);
export type DecideInternetAccessRequestArgs = InstanceType<typeof DecideInternetAccessRequestArgs>;

export const WithdrawInternetAccessArgs = argsType(
  'WithdrawInternetAccessArgs',
  z.object({ contactId: z.string().uuid('is not a contact id') }),
);
export type WithdrawInternetAccessArgs = InstanceType<typeof WithdrawInternetAccessArgs>;

export const InternetAccessRequestsArgs = argsType(
  'InternetAccessRequestsArgs',
  z.object({
    status: z
      .nativeEnum(InternetAccessRequestStatus)
      .nullish()
      .describe('Only requests in this state; all when absent.'),
  }),
);
export type InternetAccessRequestsArgs = InstanceType<typeof InternetAccessRequestsArgs>;
