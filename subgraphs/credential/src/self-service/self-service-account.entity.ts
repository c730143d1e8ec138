import { Field, Int, ObjectType } from 'type-graphql';
import {
  Column,
  CreateDateColumn,
  Entity,
  Index,
  PrimaryGeneratedColumn,
  UpdateDateColumn,
  VersionColumn,
} from 'typeorm';
import { SelfServiceStatus } from './self-service-status';

const when = { type: 'datetime' as const, nullable: true };
const counter = { type: 'int' as const, default: 0 };
const flag = { type: 'boolean' as const, default: false };

/**
 * The Self Service Details panel of one contact: one membership of a person (DESIGN.md section 6).
 * The person's login is the row that registered first (`loginEssId` null): its status, counters
 * and secrets (keyed by its essId) are the login's. A contact of another organization added later
 * is a row linked to it (`loginEssId`); what happens to the login is copied to every linked row
 * the person has confirmed (person/login-rows.ts), so each organization's panel shows the person's
 * state from the day it linked, and nothing older. Nothing secret lives here: password and token
 * hashes have their own tables, which no GraphQL type maps.
 */
@ObjectType('SelfServiceAccount', { description: "The Self Service Details panel: a contact's self-service login." })
@Entity('self_service_account')
// A user name (the person's email) is unique within an organization only: another organization's
// contact with the same email gets a login of its own (DESIGN.md section 6).
@Index('UQ_self_service_account_org_user_name', ['organizationId', 'userName'], { unique: true })
export class SelfServiceAccount {
  @Field(() => Int, { description: 'ESS ID.' })
  @PrimaryGeneratedColumn({ type: 'int' })
  essId: number;

  @Index('UQ_self_service_account_contact', { unique: true })
  @Column({ type: 'varchar', length: 36 })
  contactId: string;

  /** The contact's organization when registered: lets rules scope the panel without another subgraph. */
  @Index('IDX_self_service_account_org')
  @Column({ type: 'varchar', length: 36 })
  organizationId: string;

  @Field(() => String, { description: 'User Name (Email ID).' })
  @Index('IDX_self_service_account_user_name')
  @Column({ type: 'varchar', length: 254 })
  userName: string;

  /** The login this membership belongs to; null when this row is the login itself. */
  @Index('IDX_self_service_account_login')
  @Column({ type: 'int', nullable: true })
  loginEssId: number | null;

  /**
   * The user name, on the one login new registrations of that email link to (unique, so two
   * registrations at once cannot make two logins); null on linked rows and on logins kept apart.
   */
  @Index('UQ_self_service_account_login_user_name', { unique: true })
  @Column({ type: 'varchar', length: 254, nullable: true })
  loginUserName: string | null;

  /**
   * When the login first had a second factor (authenticator or passkey); it stays when the factor
   * goes: the reset-only role acts only on people who "do not and have never had" one.
   */
  @Column({ ...when })
  secondFactorEverAt: Date | null;

  /** When the person first signed in after this contact was linked to the login; null until then. */
  @Column({ ...when })
  linkConfirmedAt: Date | null;

  @Field(() => SelfServiceStatus)
  @Column({ type: 'varchar', length: 24 })
  status: SelfServiceStatus;

  @Field(() => Date, { nullable: true })
  @Column({ ...when })
  passwordLastChanged: Date | null;

  @Field(() => Date, { nullable: true })
  @Column({ ...when })
  lastSuccessfulLogin: Date | null;

  @Field(() => Date, { nullable: true })
  @Column({ ...when })
  previousLogin: Date | null;

  @Field(() => Int)
  @Column({ ...counter })
  successfulLoginAttempts: number;

  @Field(() => Int, { description: 'Total No Of Unsuccessful Attempts.' })
  @Column({ ...counter })
  totalUnsuccessfulAttempts: number;

  @Field(() => Int, { description: 'No of Unsuccessful Attempts Since Last Success.' })
  @Column({ ...counter })
  unsuccessfulAttemptsSinceLastSuccess: number;

  @Field(() => Int, {
    description:
      'Second Factor Unsuccessful Attempts (the seeds\' "Entrust Unsuccessful Attempts"): wrong authenticator codes, recovery codes or passkeys since the last completed sign-in. ' +
      'They count in the two totals above too.',
  })
  @Column({ ...counter })
  secondFactorUnsuccessfulAttempts: number;

  @Field(() => Boolean)
  @Column({ ...flag })
  enrollmentCompleted: boolean;

  @Field(() => Boolean, {
    description:
      'Is OTP Set: a temporary password (the seeds\' "Entrust OTP", mailed by Register and Re-Enroll) is waiting to be replaced. Not the second factor: see `secondFactorSet`.',
  })
  @Column({ ...flag })
  temporaryPasswordSet: boolean;

  @Field(() => Date, {
    nullable: true,
    description: 'OTP Expiry Date (the seeds\' "Entrust OTP Expiry Date"): when the temporary password stops working.',
  })
  @Column({ ...when })
  temporaryPasswordExpiresAt: Date | null;

  @Field(() => Boolean, { description: 'Password Exp Flag.' })
  @Column({ ...flag })
  passwordExpired: boolean;

  @Field(() => Boolean, { description: 'Is Reenrolled Set.' })
  @Column({ ...flag })
  reenrolled: boolean;

  @Field(() => String, {
    nullable: true,
    description:
      'Last Authentication Failure (the seeds\' "Entrust Last Authentication Failure"): PASSWORD, SECOND_FACTOR, ASSISTED_RESET_CODE, EXPIRED_TEMPORARY_PASSWORD, NO_INTERNET_ACCESS.',
  })
  @Column({ type: 'varchar', length: 40, nullable: true })
  lastAuthenticationFailure: string | null;

  @Field(() => Date, { nullable: true })
  @Column({ ...when })
  lastAuthenticationFailureAt: Date | null;

  @Field(() => String, { nullable: true, description: 'Staff only.' })
  @Column({ type: 'varchar', length: 500, nullable: true })
  internalMessage: string | null;

  @Field(() => String, { nullable: true, description: 'Shown to the contact and its administrators.' })
  @Column({ type: 'varchar', length: 500, nullable: true })
  externalMessage: string | null;

  @CreateDateColumn()
  createdAt: Date;

  @UpdateDateColumn()
  updatedAt: Date;

  @VersionColumn()
  version: number;
}
