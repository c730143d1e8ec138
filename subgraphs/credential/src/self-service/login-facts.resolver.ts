import { Ctx, FieldResolver, Int, Resolver, Root } from 'type-graphql';
import type { CredentialContext } from '../context';
import { SelfServiceAccount } from './self-service-account.entity';
import { loginOf } from '../person/login-of';
import { SelfServiceStatus } from './self-service-status';

/**
 * The facts of the person's login (DESIGN.md section 6), read from the login row whichever
 * membership's panel asks: one ESS ID, one password date, one status in every organization. A
 * linked row copies only what happened after it was confirmed, so reading it showed another ESS ID
 * and "Never". Until the person confirms a linked registration, its panel stays the row's own, so
 * that organization learns nothing of the login. The messages and the audit trail stay per membership.
 */

type Ctx = CredentialContext;
type Row = SelfServiceAccount;
const fact = async <K extends keyof Row>(row: Row, context: Ctx, key: K): Promise<Row[K]> =>
  (await loginOf(row, context.loaders.selfService.byEssId))[key];
const date = { nullable: true };

@Resolver(() => SelfServiceAccount)
export class LoginFactsResolver {
  @FieldResolver(() => Int, { description: "ESS ID: the person's login, the same in every organization." })
  essId(@Root() row: Row, @Ctx() context: Ctx) {
    return fact(row, context, 'essId');
  }

  @FieldResolver(() => String, { description: 'User Name (Email ID).' })
  userName(@Root() row: Row, @Ctx() context: Ctx) {
    return fact(row, context, 'userName');
  }

  @FieldResolver(() => SelfServiceStatus)
  status(@Root() row: Row, @Ctx() context: Ctx) {
    return fact(row, context, 'status');
  }

  @FieldResolver(() => Date, date)
  passwordLastChanged(@Root() row: Row, @Ctx() context: Ctx) {
    return fact(row, context, 'passwordLastChanged');
  }

  @FieldResolver(() => Date, date)
  lastSuccessfulLogin(@Root() row: Row, @Ctx() context: Ctx) {
    return fact(row, context, 'lastSuccessfulLogin');
  }

  @FieldResolver(() => Date, date)
  previousLogin(@Root() row: Row, @Ctx() context: Ctx) {
    return fact(row, context, 'previousLogin');
  }

  @FieldResolver(() => Int)
  successfulLoginAttempts(@Root() row: Row, @Ctx() context: Ctx) {
    return fact(row, context, 'successfulLoginAttempts');
  }

  @FieldResolver(() => Int, { description: 'Total No Of Unsuccessful Attempts.' })
  totalUnsuccessfulAttempts(@Root() row: Row, @Ctx() context: Ctx) {
    return fact(row, context, 'totalUnsuccessfulAttempts');
  }

  @FieldResolver(() => Int, { description: 'No of Unsuccessful Attempts Since Last Success.' })
  unsuccessfulAttemptsSinceLastSuccess(@Root() row: Row, @Ctx() context: Ctx) {
    return fact(row, context, 'unsuccessfulAttemptsSinceLastSuccess');
  }

  @FieldResolver(() => Int)
  secondFactorUnsuccessfulAttempts(@Root() row: Row, @Ctx() context: Ctx) {
    return fact(row, context, 'secondFactorUnsuccessfulAttempts');
  }

  @FieldResolver(() => Boolean)
  enrollmentCompleted(@Root() row: Row, @Ctx() context: Ctx) {
    return fact(row, context, 'enrollmentCompleted');
  }

  @FieldResolver(() => Boolean)
  temporaryPasswordSet(@Root() row: Row, @Ctx() context: Ctx) {
    return fact(row, context, 'temporaryPasswordSet');
  }

  @FieldResolver(() => Date, date)
  temporaryPasswordExpiresAt(@Root() row: Row, @Ctx() context: Ctx) {
    return fact(row, context, 'temporaryPasswordExpiresAt');
  }

  @FieldResolver(() => Boolean, { description: 'Password Exp Flag.' })
  passwordExpired(@Root() row: Row, @Ctx() context: Ctx) {
    return fact(row, context, 'passwordExpired');
  }

  @FieldResolver(() => Boolean, { description: 'Is Reenrolled Set.' })
  reenrolled(@Root() row: Row, @Ctx() context: Ctx) {
    return fact(row, context, 'reenrolled');
  }

  @FieldResolver(() => String, { nullable: true })
  lastAuthenticationFailure(@Root() row: Row, @Ctx() context: Ctx) {
    return fact(row, context, 'lastAuthenticationFailure');
  }

  @FieldResolver(() => Date, date)
  lastAuthenticationFailureAt(@Root() row: Row, @Ctx() context: Ctx) {
    return fact(row, context, 'lastAuthenticationFailureAt');
  }
}
