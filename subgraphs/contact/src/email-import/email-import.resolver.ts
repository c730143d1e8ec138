import { Arg, Ctx, ID, Mutation, Resolver } from 'type-graphql';
import { z } from 'zod';
import { validateArgs } from '@ecg/infrastructure';
import type { ContactContext } from '../context';
import { importContactEmails } from './email-import';
import { EmailImportResult } from './email-import.types';

@Resolver()
export class EmailImportResolver {
  @Mutation(() => EmailImportResult, {
    description:
      'Mass email upload (ESR): CSV with header "contact,email" (contact = id or current email). Valid rows are applied together; `dryRun` applies none.',
  })
  importContactEmails(
    @Arg('organization', () => ID, { description: 'The organization id.' }) organization: string,
    @Arg('csv', () => String) csv: string,
    @Arg('dryRun', () => Boolean, { defaultValue: false }) dryRun: boolean,
    @Ctx() context: ContactContext,
  ) {
    const args = validateArgs(
      z.object({
        organization: z.string().uuid('is not an organization id'),
        csv: z.string().min(1, 'is empty').max(2_000_000, 'is larger than 2 MB'),
        dryRun: z.boolean(),
      }),
      { organization, csv, dryRun },
      { multiline: ['csv'] },
    );
    return importContactEmails(context.dataSource, context.principal, args.organization, args.csv, args.dryRun);
  }
}
