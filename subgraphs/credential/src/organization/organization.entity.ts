import { Directive, Field, ID, ObjectType } from 'type-graphql';

/** The organization subgraph's entity, named here only to point `me.organization` at it. */
@Directive('@key(fields: "id", resolvable: false)')
@ObjectType()
export class Organization {
  @Field(() => ID)
  id: string;

  constructor(id: string) {
    this.id = id;
  }
}
