import { Directive, Field, ID, ObjectType } from 'type-graphql';

/** An Administrator named on Find your administrator (contact subgraph); this subgraph says whether they can sign in. */
@Directive('@key(fields: "contactId")')
@ObjectType()
export class DirectoryAdministrator {
  @Directive('@inaccessible')
  @Field(() => ID)
  contactId: string;

  constructor(contactId: string) {
    this.contactId = contactId;
  }
}
