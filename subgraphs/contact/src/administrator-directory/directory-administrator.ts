import { Directive, Field, ID, ObjectType } from 'type-graphql';

/** An active Administrator on Find your administrator: the name, and the way to reach them they publish. */
@Directive('@key(fields: "contactId")')
@ObjectType({ description: 'An active Administrator named on Find your administrator (public).' })
export class DirectoryAdministrator {
  @Directive('@inaccessible')
  @Field(() => ID)
  contactId: string;

  @Field(() => String, { description: 'Full name.' })
  name: string;

  @Field(() => String, {
    nullable: true,
    description: 'The work phone or email the Administrator chose to publish (`Contact.directoryContact`).',
  })
  reach: string | null;

  constructor(contactId: string, name: string, reach: string | null) {
    this.contactId = contactId;
    this.name = name;
    this.reach = reach;
  }
}
