import { Directive, Field, ID, ObjectType } from 'type-graphql';

/** The contact subgraph's entity, as this subgraph sees it: an id to hang the self-service panel on. */
@Directive('@key(fields: "id")')
@ObjectType()
export class Contact {
  @Field(() => ID)
  id: string;

  constructor(id: string) {
    this.id = id;
  }
}
