import { Field, Int, ObjectType } from 'type-graphql';

@ObjectType({
  description: 'A signed-in session: send `Authorization: Bearer <accessToken>`; renew with `refreshToken`.',
})
export class Session {
  @Field(() => String, { description: 'Short-lived signed JWT (EdDSA); the keys are at /.well-known/jwks.json.' })
  accessToken: string;

  @Field(() => String, { description: 'One-time: each `refreshToken` call returns a new one and spends this.' })
  refreshToken: string;

  @Field(() => String)
  tokenType: string;

  @Field(() => Int, { description: 'Seconds until the access token expires.' })
  expiresIn: number;

  @Field(() => Boolean, { description: 'The access token may only change the password.' })
  passwordChangeRequired: boolean;
}
