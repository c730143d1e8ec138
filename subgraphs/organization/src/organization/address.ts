import { Field, ObjectType } from 'type-graphql';
import { Column } from 'typeorm';

/** The organization's address, embedded in its row (columns `address_line1`, ...). */
@ObjectType({ description: 'Postal address of an organization.' })
export class Address {
  @Field(() => String, { nullable: true })
  @Column({ type: 'varchar', length: 200, nullable: true })
  line1: string | null;

  @Field(() => String, { nullable: true })
  @Column({ type: 'varchar', length: 200, nullable: true })
  line2: string | null;

  @Field(() => String, { nullable: true })
  @Column({ type: 'varchar', length: 100, nullable: true })
  city: string | null;

  @Field(() => String, { nullable: true, description: 'State, county or region.' })
  @Column({ type: 'varchar', length: 100, nullable: true })
  state: string | null;

  @Field(() => String, { nullable: true })
  @Column({ type: 'varchar', length: 20, nullable: true })
  postalCode: string | null;

  @Field(() => String, { nullable: true })
  @Column({ type: 'varchar', length: 100, nullable: true })
  country: string | null;
}
