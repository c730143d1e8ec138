import { randomUUID } from 'node:crypto';
import type { DataSource, EntityManager } from 'typeorm';
import { appError, ContactType } from '@ecg/policy';
import { badUserInput, notFound, withRetry, writeLock } from '@ecg/infrastructure';
import { audit, diff, type Actor, type AuditedValue, type Snapshot } from '../audit/audit';
import { ContactStatus } from './contact-enums';
import { Contact } from './contact.entity';
import { ContactTypeAssignment } from './contact-type-assignment.entity';
import { contactDetails, type ContactDetails } from './contact-form.inputs';

/** Another contact of the same organization already uses this primary email (any case). */
async function assertEmailFree(manager: EntityManager, organizationId: string, email: string, exceptId?: string) {
  const query = manager
    .getRepository(Contact)
    .createQueryBuilder('c')
    .where('c.organizationId = :organizationId', { organizationId })
    .andWhere('LOWER(c.primaryEmail) = :email', { email: email.toLowerCase() });
  if (exceptId) query.andWhere('c.id <> :exceptId', { exceptId });
  if (await query.getExists())
    throw badUserInput([
      { field: 'input.primaryEmail', message: 'is already used by another contact of this organization' },
    ]);
}

const isActiveAdministrator = (status: ContactStatus, types: ContactType[]) =>
  status === ContactStatus.ACTIVE && types.includes(ContactType.ADMINISTRATOR);

/**
 * The ids of an organization's active Administrators, locked until the transaction ends, so two
 * administrators demoting each other at once cannot both succeed.
 */
export async function lockActiveAdministrators(manager: EntityManager, organizationId: string): Promise<string[]> {
  const query = manager
    .getRepository(Contact)
    .createQueryBuilder('c')
    .innerJoin('c.typeAssignments', 't', 't.contactType = :type', { type: ContactType.ADMINISTRATOR })
    .select('c.id')
    .where('c.organizationId = :organizationId AND c.status = :status', {
      organizationId,
      status: ContactStatus.ACTIVE,
    });
  if (manager.connection.options.type !== 'better-sqlite3') query.setLock('pessimistic_write'); // SQLite: one writer at a time anyway
  return (await query.getMany()).map((c) => c.id);
}

/** What a save writes: the form, and for a directory's save also its own id of the person. */
type SavedDetails = ContactDetails & { externalId?: string | null };

function columns(details: SavedDetails) {
  const { confirmPrimaryEmail: _confirmed, contactTypes: _types, ...rest } = details;
  return rest;
}

/** What the form shows of a contact, for the audit trail's before and after. */
const snapshot = (source: object, contactTypes: ContactType[]): Snapshot => ({
  ...Object.fromEntries(
    Object.keys(contactDetails.shape)
      .filter((f) => f !== 'confirmPrimaryEmail' && f !== 'contactTypes')
      .map((f) => [f, (source as Record<string, AuditedValue>)[f] ?? null]),
  ),
  contactTypes,
});

const assignments = (contactId: string, types: ContactType[]) =>
  types.map((contactType) => ({ contactId, contactType }));

export async function createContact(
  dataSource: DataSource,
  principal: Actor,
  organizationId: string,
  details: SavedDetails,
): Promise<Contact> {
  return withRetry(dataSource, async (manager) => {
    await assertEmailFree(manager, organizationId, details.primaryEmail);
    const contact = manager.create(Contact, { id: randomUUID(), organizationId, ...columns(details) });
    await manager.save(contact);
    await manager.insert(ContactTypeAssignment, assignments(contact.id, details.contactTypes));
    await audit(manager, principal, {
      organizationId,
      contactId: contact.id,
      action: 'CREATE',
      changes: diff({}, snapshot(details, details.contactTypes)),
    });
    return contact;
  });
}

/** Deactivated, or a contact type taken away: what the contact's open sessions must not keep. */
const reducesAccess = (status: ContactStatus, types: ContactType[], details: ContactDetails) =>
  (status === ContactStatus.ACTIVE && details.status !== ContactStatus.ACTIVE) ||
  types.some((t) => !details.contactTypes.includes(t));

/**
 * Save a contact. `onAccessReduced` runs last inside the transaction when the change deactivates
 * the contact or removes a type: if the contact's sessions cannot be ended, nothing is saved.
 */
export async function updateContact(
  dataSource: DataSource,
  principal: Actor,
  id: string,
  expectedVersion: number,
  details: SavedDetails,
  onAccessReduced: (contactId: string) => Promise<void> = async () => {},
): Promise<Contact> {
  return withRetry(dataSource, async (manager) => {
    const contact = await manager.findOne(Contact, {
      where: { id },
      lock: writeLock(manager),
    });
    if (!contact) throw notFound('Contact');
    if (contact.version !== expectedVersion) {
      throw appError(
        'CONFLICT',
        'This contact was changed by someone else since it was loaded; reload it and save again.',
        { currentVersion: contact.version },
      );
    }
    const oldTypes = (await manager.findBy(ContactTypeAssignment, { contactId: id })).map((a) => a.contactType);
    if (
      isActiveAdministrator(contact.status, oldTypes) &&
      !isActiveAdministrator(details.status, details.contactTypes)
    ) {
      const others = (await lockActiveAdministrators(manager, contact.organizationId)).filter(
        (adminId) => adminId !== id,
      );
      if (others.length === 0) {
        throw appError(
          'LAST_ADMINISTRATOR',
          "This is the organization's last active Administrator; make another contact an Administrator first.",
        );
      }
    }
    await assertEmailFree(manager, contact.organizationId, details.primaryEmail, id);
    const before = snapshot(contact, oldTypes);
    Object.assign(contact, columns(details));
    await manager.save(contact);
    await manager.delete(ContactTypeAssignment, { contactId: id });
    await manager.insert(ContactTypeAssignment, assignments(id, details.contactTypes));
    await audit(manager, principal, {
      organizationId: contact.organizationId,
      contactId: id,
      action: 'UPDATE',
      changes: diff(before, snapshot(details, details.contactTypes)),
    });
    if (reducesAccess(before.status as ContactStatus, oldTypes, details)) await onAccessReduced(id);
    return contact;
  });
}
