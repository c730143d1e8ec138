import { Directive, Field, ID, ObjectType } from 'type-graphql';

/** The organization subgraph's public directory entry; this subgraph adds the names. */
@Directive('@key(fields: "organizationId")')
@ObjectType()
export class AdministratorDirectoryEntry {
  @Directive('@inaccessible')
  @Field(() => ID)
  organizationId: string;

  constructor(organizationId: string) {
    this.organizationId = organizationId;
  }
}
