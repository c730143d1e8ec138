import { Field, ID, Int, ObjectType, registerEnumType } from 'type-graphql';

export enum EmailImportOutcome {
  UPDATED = 'UPDATED',
  WOULD_UPDATE = 'WOULD_UPDATE',
  UNCHANGED = 'UNCHANGED',
  REJECTED = 'REJECTED',
}

registerEnumType(EmailImportOutcome, { name: 'EmailImportOutcome' });

@ObjectType({ description: 'What happened to one row of the file.' })
export class EmailImportRow {
  @Field(() => Int, { description: 'Line in the file (the header is line 1).' }) line: number;
  @Field(() => String, { description: 'The contact identifier as given: id or current email.' }) contact: string;
  @Field(() => String) newEmail: string;
  @Field(() => EmailImportOutcome) outcome: EmailImportOutcome;
  @Field(() => String, { nullable: true, description: 'Why a row was rejected.' }) message: string | null;
  @Field(() => ID, { nullable: true }) contactId: string | null;
}

@ObjectType({ description: "The answer to a mass email upload: every row's outcome." })
export class EmailImportResult {
  @Field(() => Boolean, { description: 'True: nothing was written.' }) dryRun: boolean;
  @Field(() => Int, { description: 'Rows applied (or, on a dry run, that would be).' }) applied: number;
  @Field(() => Int) rejected: number;
  @Field(() => [EmailImportRow]) rows: EmailImportRow[];
}
