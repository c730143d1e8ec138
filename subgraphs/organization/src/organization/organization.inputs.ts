import { ArgsType, Field } from 'type-graphql';
import { z } from 'zod';
import { PageArgs, pageArgsShape } from '@ecg/infrastructure';

export const organizationCode = z.string().trim().min(1, 'is required').max(10, 'is at most 10 characters');

@ArgsType()
export class OrganizationsArgs extends PageArgs {
  @Field(() => String, {
    description: 'Organization code (prefix) or part of its name, as "Hint: Org Code, Org Name".',
  })
  search: string;
}

export const organizationsArgs = z.object({
  search: z.string().trim().min(1, 'is required').max(100, 'is at most 100 characters'),
  ...pageArgsShape,
});
