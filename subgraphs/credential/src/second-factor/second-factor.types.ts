import { Field, ObjectType } from 'type-graphql';
import { LoginResult } from '../login/login-result.type';

@ObjectType({
  description:
    'A started authenticator enrolment: shown once, nothing is kept in clear. Confirm it with `confirmTotpEnrolment`.',
})
export class TotpEnrolment {
  @Field(() => String, { description: 'The base32 secret, for typing into an app that cannot scan; shown this once.' })
  secret: string;

  @Field(() => String, { description: 'The otpauth:// URI the QR code holds.' })
  otpauthUri: string;

  @Field(() => String, { description: 'The QR code of `otpauthUri` as an SVG document.' })
  qrCodeSvg: string;
}

@ObjectType({
  description: 'Ten single-use recovery codes, each good for one sign-in without the authenticator; shown this once.',
})
export class RecoveryCodes {
  @Field(() => [String])
  codes: string[];

  @Field(() => LoginResult, {
    nullable: true,
    description:
      'When the enrolment was made with an enrolment challenge: the sign-in it completes (tokens, or the organizations to choose from).',
  })
  signIn?: LoginResult | null;
}
