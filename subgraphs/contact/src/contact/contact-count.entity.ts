import { Column, Entity, PrimaryColumn } from 'typeorm';

/**
 * How many contacts an organization has: the Contacts panel's "Results 1 - 10 of N" without
 * counting 100,000 index entries on every page. Kept by `ContactCountSubscriber` in the
 * transaction that inserts the contact (contacts are never deleted: they become inactive).
 */
@Entity('organization_contact_count')
export class OrganizationContactCount {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  organizationId: string;

  @Column({ type: 'int' })
  contacts: number;
}
