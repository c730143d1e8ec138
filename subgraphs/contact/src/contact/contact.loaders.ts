import DataLoader from 'dataloader';
import { In, type DataSource } from 'typeorm';
import type { ContactType } from '@ecg/policy';
import { rowLoader, type BaseRequestContext } from '@ecg/infrastructure';
import { Contact } from './contact.entity';
import { ContactTypeAssignment } from './contact-type-assignment.entity';

export function createContactLoaders(dataSource: DataSource) {
  const assignments = dataSource.getRepository(ContactTypeAssignment);
  return {
    byId: rowLoader<Contact, string>(dataSource.getRepository(Contact), 'id'),
    /** The contact types of many contacts in one query, each list in a stable order. */
    typesByContactId: new DataLoader<string, ContactType[]>(async (contactIds) => {
      const rows = await assignments.find({ where: { contactId: In([...contactIds]) }, order: { contactType: 'ASC' } });
      const byContact = new Map<string, ContactType[]>(contactIds.map((id) => [id, []]));
      for (const row of rows) byContact.get(row.contactId)!.push(row.contactType);
      return contactIds.map((id) => byContact.get(id)!);
    }),
  };
}

export type ContactLoaders = ReturnType<typeof createContactLoaders>;

/** `context.loaders.contact` */
export const contactLoaders = {
  contact: (request: BaseRequestContext) => createContactLoaders(request.dataSource),
};
