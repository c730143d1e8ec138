import { z } from 'zod';
import { argsType, PageArgs, pageArgsShape } from '@ecg/infrastructure';

export const organizationCode = z.string().trim().min(1, 'is required').max(10, 'is at most 10 characters');

export const OrganizationCodeArgs = argsType('OrganizationCodeArgs', z.object({ code: organizationCode }));
export type OrganizationCodeArgs = InstanceType<typeof OrganizationCodeArgs>;

export const OrganizationsArgs = argsType(
  'OrganizationsArgs',
  // `search` first: its message comes first in invalidFields, as before; the SDL lists the page first.
  z.object({
    search: z
      .string()
      .trim()
      .min(1, 'is required')
      .max(100, 'is at most 100 characters')
      .describe('Organization code (prefix) or part of its name, as "Hint: Org Code, Org Name".'),
    ...pageArgsShape,
  }),
  { extends: PageArgs },
);
export type OrganizationsArgs = InstanceType<typeof OrganizationsArgs>;
