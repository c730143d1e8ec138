import { Directive, Field, ID, ObjectType } from 'type-graphql';

/**
 * ESR's "Find your system administrator": a public answer naming an organization; the contact
 * subgraph adds the names of its active Administrators. The id is the join key only.
 */
@Directive('@key(fields: "organizationId")')
@ObjectType({ description: 'Whom to ask for help with a self-service login, found without signing in.' })
export class AdministratorDirectoryEntry {
  @Directive('@inaccessible')
  @Field(() => ID)
  organizationId: string;

  @Field(() => String)
  organizationCode: string;

  @Field(() => String)
  organizationName: string;

  @Field(() => String, {
    nullable: true,
    description: 'The organization\'s own short help message, e.g. "contact HR/IT on ...".',
  })
  helpMessage: string | null;
}
