import { Field, ObjectType } from 'type-graphql';
import { Column } from 'typeorm';

/** The organization's address, embedded in its row (columns named `address_line1`, ... explicitly). */
@ObjectType({ description: 'Postal address of an organization.' })
export class Address {
  @Field(() => String, { nullable: true })
  @Column({ name: 'address_line1', type: 'varchar', length: 200, nullable: true })
  line1: string | null;

  @Field(() => String, { nullable: true })
  @Column({ name: 'address_line2', type: 'varchar', length: 200, nullable: true })
  line2: string | null;

  @Field(() => String, { nullable: true })
  @Column({ name: 'address_city', type: 'varchar', length: 100, nullable: true })
  city: string | null;

  @Field(() => String, { nullable: true, description: 'State, county or region.' })
  @Column({ name: 'address_state', type: 'varchar', length: 100, nullable: true })
  state: string | null;

  @Field(() => String, { nullable: true })
  @Column({ name: 'address_postalCode', type: 'varchar', length: 20, nullable: true })
  postalCode: string | null;

  @Field(() => String, { nullable: true })
  @Column({ name: 'address_country', type: 'varchar', length: 100, nullable: true })
  country: string | null;
}
