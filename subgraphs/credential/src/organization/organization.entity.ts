import { Directive, Field, ID, ObjectType } from 'type-graphql';

/** The organization subgraph's entity: `me.organization` points at it, and it carries the internet access requests. */
@Directive('@key(fields: "id")')
@ObjectType()
export class Organization {
  @Field(() => ID)
  id: string;

  constructor(id: string) {
    this.id = id;
  }
}
