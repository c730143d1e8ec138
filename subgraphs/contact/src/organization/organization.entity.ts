import { Directive, Field, ID, ObjectType } from 'type-graphql';

/** The organization subgraph's entity, as this subgraph sees it: an id to hang contacts on. */
@Directive('@key(fields: "id")')
@ObjectType()
export class Organization {
  @Field(() => ID)
  id: string;

  constructor(id: string) {
    this.id = id;
  }
}
