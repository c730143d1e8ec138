import { Field, ID, Int, ObjectType } from 'type-graphql';
import { ContactType } from '@ecg/policy';

@ObjectType({ description: 'An organization the signed-in person acts for, offered by the chooser after sign-in.' })
export class OrganizationChoice {
  @Field(() => ID) organizationId: string;
  @Field(() => String, { description: 'Its display name, for the chooser (no token is needed to read it).' })
  organizationName: string;
  @Field(() => [ContactType], { description: "The person's contact types there: what a token for it will allow." })
  contactTypes: ContactType[];
}

@ObjectType({
  description:
    'What `login` answers: a session (the person acts for one organization, or must change a temporary password), or, when the person acts for several, ' +
    'the organizations to choose from and a `choiceToken` for `chooseOrganization` (5 minutes, once). ' +
    '`verifySecondFactor`, `signInWithPasskey` and `chooseOrganization` answer with it too.',
})
export class LoginResult {
  @Field(() => String, {
    nullable: true,
    description: 'Short-lived signed JWT (EdDSA); null while an organization is to be chosen.',
  })
  accessToken: string | null;

  @Field(() => String, {
    nullable: true,
    description: 'One-time refresh token; null while an organization is to be chosen.',
  })
  refreshToken: string | null;

  @Field(() => String)
  tokenType: string;

  @Field(() => Int, {
    nullable: true,
    description: 'Seconds until the access token expires; null while an organization is to be chosen.',
  })
  expiresIn: number | null;

  @Field(() => Boolean, { description: 'The access token may only change the password.' })
  passwordChangeRequired: boolean;

  @Field(() => Boolean, {
    description:
      'The person has a second factor: no session yet; call `verifySecondFactor` with `secondFactorChallenge` and a code.',
  })
  secondFactorRequired: boolean;

  @Field(() => String, {
    nullable: true,
    description: 'For `verifySecondFactor`: stands for the password just checked (5 minutes, spent by the right code).',
  })
  secondFactorChallenge: string | null;

  @Field(() => [String], {
    description:
      'What the second step accepts: TOTP (authenticator app code), PASSKEY, RECOVERY_CODES. Empty unless required.',
  })
  secondFactorKinds: string[];

  @Field(() => String, {
    nullable: true,
    description:
      'When the person has passkeys: the options (JSON) for `navigator.credentials.get`, signed over this challenge; send the answer as `verifySecondFactor(passkey:)`.',
  })
  secondFactorPasskeyOptions: string | null;

  @Field(() => Boolean, {
    description:
      'An organization of the person requires a second factor and there is none: no session; set one up with `startTotpEnrolment` and ' +
      '`confirmTotpEnrolment`, each given `secondFactorEnrolmentChallenge`; the confirmation then signs in.',
  })
  secondFactorEnrolmentRequired: boolean;

  @Field(() => String, {
    nullable: true,
    description: 'For the enrolment calls: stands for the password just checked (15 minutes); allows nothing else.',
  })
  secondFactorEnrolmentChallenge: string | null;

  @Field(() => Boolean, {
    description: 'The person acts for several organizations: call `chooseOrganization` with one of `organizations`.',
  })
  organizationChoiceRequired: boolean;

  @Field(() => [OrganizationChoice], {
    description: 'The organizations to choose from; empty when a session was issued.',
  })
  organizations: OrganizationChoice[];

  @Field(() => String, {
    nullable: true,
    description: 'For `chooseOrganization`: stands for the password just checked (5 minutes, once).',
  })
  choiceToken: string | null;

  @Field(() => String, {
    nullable: true,
    description:
      'Every proof was right but the organization allows sign-in from its internal network only, and the caller is on the internet ' +
      '(the refusal INTERNET_ACCESS_DISABLED, answered as a result): no session; `requestInternetAccess` takes this token (15 minutes) ' +
      "to ask the organization's administrators. Null otherwise.",
  })
  internetAccessRequestToken: string | null;
}
