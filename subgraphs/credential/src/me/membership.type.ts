import { Field, ID, ObjectType } from 'type-graphql';
import { ContactType } from '@ecg/policy';
import { Organization } from '../organization/organization.entity';
import { Capability } from './me.type';

@ObjectType({
  description:
    'One organization the signed-in person acts for: the contact record there, its types and what they allow.',
})
export class Membership {
  @Field(() => ID, { description: "The person's contact record in that organization." }) contactId: string;
  @Field(() => ID) organizationId: string;
  @Field(() => Organization) organization: Organization;
  @Field(() => String) organizationName: string;
  @Field(() => [ContactType]) contactTypes: ContactType[];
  @Field(() => [Capability], {
    description: 'What the types allow there (only there: rules never add organizations up).',
  })
  capabilities: Capability[];
  @Field(() => Boolean, { description: 'The organization the current token acts for.' }) current: boolean;
}
