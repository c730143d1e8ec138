import { Field, ID, ObjectType } from 'type-graphql';
import { SelfServiceAccount } from '../self-service/self-service-account.entity';

@ObjectType({ description: "One contact's outcome in `registerMany`." })
export class RegistrationOutcome {
  @Field(() => ID)
  contactId: string;

  @Field(() => String, {
    description:
      'REGISTERED (a new login and a temporary password mailed), LINKED (the email already had a login: the person is told), or the error code that refused this contact (ALREADY_REGISTERED, NO_EMAIL, CONTACT_INACTIVE, USER_NAME_TAKEN, NOT_FOUND, ...).',
  })
  outcome: string;

  @Field(() => String, { nullable: true, description: 'Why it was refused, in words; null when it was not.' })
  message: string | null;

  @Field(() => SelfServiceAccount, {
    nullable: true,
    description: 'The Self Service Details panel now; null when refused.',
  })
  account: SelfServiceAccount | null;
}
