import type { DataSource, EntityManager } from 'typeorm';
import { randomUUID } from 'node:crypto';
import { badUserInput, notFound } from '@ecg/shared';
import { Contact } from './contact.entity';
import { ContactTypeAssignment } from './contact-type-assignment.entity';
import type { ContactDetails } from './contact-form.inputs';

/** Another contact of the same organization already uses this primary email (any case). */
async function assertEmailFree(manager: EntityManager, organizationId: string, email: string, exceptId?: string) {
  const query = manager
    .getRepository(Contact)
    .createQueryBuilder('c')
    .where('c.organizationId = :organizationId', { organizationId })
    .andWhere('LOWER(c.primaryEmail) = :email', { email: email.toLowerCase() });
  if (exceptId) query.andWhere('c.id <> :exceptId', { exceptId });
  const clash = await query.getExists();
  if (clash) throw badUserInput([{ field: 'input.primaryEmail', message: 'is already used by another contact of this organization' }]);
}

function fields(details: ContactDetails) {
  const { confirmPrimaryEmail: _confirmed, contactTypes: _types, ...columns } = details;
  return columns;
}

const assignments = (contactId: string, details: ContactDetails) =>
  details.contactTypes.map((contactType) => ({ contactId, contactType }));

export async function createContact(dataSource: DataSource, organizationId: string, details: ContactDetails): Promise<Contact> {
  return dataSource.transaction(async (manager) => {
    await assertEmailFree(manager, organizationId, details.primaryEmail);
    const contact = manager.create(Contact, { id: randomUUID(), organizationId, ...fields(details) });
    await manager.save(contact);
    await manager.insert(ContactTypeAssignment, assignments(contact.id, details));
    return contact;
  });
}

export async function updateContact(dataSource: DataSource, id: string, details: ContactDetails): Promise<Contact> {
  return dataSource.transaction(async (manager) => {
    const contact = await manager.findOne(Contact, { where: { id }, lock: dataSource.options.type === 'better-sqlite3' ? undefined : { mode: 'pessimistic_write' } });
    if (!contact) throw notFound('Contact');
    await assertEmailFree(manager, contact.organizationId, details.primaryEmail, id);
    Object.assign(contact, fields(details));
    await manager.save(contact);
    await manager.delete(ContactTypeAssignment, { contactId: id });
    await manager.insert(ContactTypeAssignment, assignments(id, details));
    return contact;
  });
}
