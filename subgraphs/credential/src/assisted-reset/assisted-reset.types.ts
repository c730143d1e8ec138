import { Field, ObjectType } from 'type-graphql';

@ObjectType({
  description:
    'The one-time code of an assisted reset: shown once, to read to the person whose identity was checked. Only its hash is kept.',
})
export class AssistedReset {
  @Field(() => String, { description: 'Three groups of four, for reading aloud (`K7QM-3XRD-PW9H`).' })
  code: string;

  @Field(() => Date, { description: 'When the code stops working (15 minutes by default).' })
  expiresAt: Date;
}
