import { Entity, Index, JoinColumn, ManyToOne, PrimaryColumn, type Relation } from 'typeorm';
import { ContactType } from '@ecg/policy';
import { Contact } from './contact.entity';

/** One of a contact's contact types (a contact has one or more). */
@Entity('contact_type')
@Index('IDX_contact_type_type', ['contactType'])
export class ContactTypeAssignment {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  contactId: string;

  @PrimaryColumn({ type: 'varchar', length: 40 })
  contactType: ContactType;

  @ManyToOne(() => Contact, (contact) => contact.typeAssignments, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'contactId', foreignKeyConstraintName: 'FK_contact_type_contact' })
  contact: Relation<Contact>;
}
