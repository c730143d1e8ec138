import { In, type EntityManager } from 'typeorm';
import { CONTACT_TYPE_LABELS, type ContactType } from '@ecg/policy';
import { Contact } from '../../contact/contact.entity';
import { ContactTypeAssignment } from '../../contact/contact-type-assignment.entity';
import type { ScimContext } from './scim-context';
import { scimError } from './scim-errors';

/** A contact of the token's organization and its contact types. */
export interface ContactWithTypes {
  contact: Contact;
  types: ContactType[];
}

async function withTypes(manager: EntityManager, contacts: Contact[]): Promise<ContactWithTypes[]> {
  const rows = contacts.length
    ? await manager.find(ContactTypeAssignment, {
        where: { contactId: In(contacts.map((c) => c.id)) },
        order: { contactType: 'ASC' },
      })
    : [];
  return contacts.map((contact) => ({
    contact,
    types: rows.filter((r) => r.contactId === contact.id).map((r) => r.contactType),
  }));
}

/** Every contact of the organization, oldest first (a stable order for `startIndex` paging). */
export async function organizationContacts(context: ScimContext): Promise<ContactWithTypes[]> {
  const contacts = await context.dataSource
    .getRepository(Contact)
    .find({ where: { organizationId: context.organizationId }, order: { createdAt: 'ASC', id: 'ASC' } });
  return withTypes(context.dataSource.manager, contacts);
}

/** One contact of the organization; any other id (another organization's too) is a 404. */
export async function organizationContact(context: ScimContext, id: string): Promise<ContactWithTypes> {
  const contact = await context.dataSource
    .getRepository(Contact)
    .findOneBy({ id: id.slice(0, 36), organizationId: context.organizationId });
  if (!contact) throw scimError(404, null, `Resource ${id} not found`);
  return (await withTypes(context.dataSource.manager, [contact]))[0];
}

export const LABELS = CONTACT_TYPE_LABELS;

/** `If-Match` names a version other than the current one: 412, nothing changes. */
export function checkIfMatch(context: ScimContext, currentVersion: string) {
  if (context.ifMatch !== null && context.ifMatch !== '*' && context.ifMatch !== currentVersion)
    throw scimError(412, null, 'The resource changed since the version If-Match names; read it again.');
}
