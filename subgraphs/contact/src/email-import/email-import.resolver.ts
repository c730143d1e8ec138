import { Args, Ctx, Mutation, Resolver } from 'type-graphql';
import { z } from 'zod';
import { argsType, UPLOAD_MAX_CHARACTERS } from '@ecg/infrastructure';
import type { ContactContext } from '../context';
import { importContactEmails } from './email-import';
import { EmailImportResult } from './email-import.types';

const EmailImportArgs = argsType(
  'EmailImportArgs',
  z.object({
    dryRun: z.boolean().default(false),
    csv: z.string().min(1, 'is empty').max(UPLOAD_MAX_CHARACTERS, 'is larger than 2 MB'),
    organization: z.string().uuid('is not an organization id').describe('The organization id.'),
  }),
  { multiline: ['csv'] },
);
type EmailImportArgs = InstanceType<typeof EmailImportArgs>;

@Resolver()
export class EmailImportResolver {
  @Mutation(() => EmailImportResult, {
    description:
      'Mass email upload (ESR): CSV with header "contact,email" (contact = id or current email). Valid rows are applied together; `dryRun` applies none.',
  })
  importContactEmails(@Args(() => EmailImportArgs) args: EmailImportArgs, @Ctx() context: ContactContext) {
    return importContactEmails(context.dataSource, context.principal, args.organization, args.csv, args.dryRun);
  }
}
