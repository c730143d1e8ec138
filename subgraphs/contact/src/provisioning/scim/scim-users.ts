import SCIMMY from 'scimmy';
import { badUserInput, controlCharacterFields } from '@ecg/infrastructure';
import { ContactStatus } from '../../contact/contact-enums';
import { createContact, updateContact } from '../../contact/contact-maintenance';
import type { ScimContext } from './scim-context';
import {
  checkIfMatch,
  LABELS,
  organizationContact,
  organizationContacts,
  type ContactWithTypes,
} from './scim-contacts';
import { scimHandler } from './scim-errors';
import { filterOf, matchesFilter } from './scim-filter';
import { detailsFromScimUser, toScimUser, type ScimUserIn } from './scim-user-mapping';

const userOf = ({ contact, types }: ContactWithTypes) => toScimUser(contact, types, LABELS);

type Details = ReturnType<typeof detailsFromScimUser>;

/** What a save would change: nothing means no write, no new version, no audit entry. */
function unchanged({ contact, types }: ContactWithTypes, details: Details) {
  const { confirmPrimaryEmail: _c, contactTypes, ...columns } = details;
  return (
    Object.entries(columns).every(([key, value]) => (contact as unknown as Record<string, unknown>)[key] === value) &&
    contactTypes.length === types.length &&
    contactTypes.every((t) => types.includes(t))
  );
}

/** Save a contact's new details as the screen's Save does (same rules, audit, sessions). */
export async function saveContact(context: ScimContext, current: ContactWithTypes, details: Details) {
  checkIfMatch(context, String(current.contact.version));
  if (unchanged(current, details)) return current;
  const contact = await updateContact(
    context.dataSource,
    context.actor,
    current.contact.id,
    current.contact.version,
    details,
    (contactId) => context.accessReduced(contactId),
  );
  return organizationContact(context, contact.id);
}

async function readUsers(resource: SCIMMY.Resources.User, context: ScimContext): Promise<object> {
  if (resource.id) return userOf(await organizationContact(context, resource.id));
  const filter = resource.filter ? filterOf(resource.filter) : null;
  const users = (await organizationContacts(context)).map(userOf);
  return filter ? users.filter((user) => matchesFilter(user, filter)) : users;
}

async function writeUser(resource: SCIMMY.Resources.User, user: ScimUserIn, context: ScimContext) {
  const controls = controlCharacterFields({ userName: user.userName, externalId: user.externalId });
  if (controls.length) throw badUserInput(controls);
  if (!resource.id) {
    const details = detailsFromScimUser(user, null, null);
    const contact = await createContact(context.dataSource, context.actor, context.organizationId, details);
    return userOf(await organizationContact(context, contact.id));
  }
  const current = await organizationContact(context, resource.id);
  return userOf(await saveContact(context, current, detailsFromScimUser(user, current.contact, current.types)));
}

/** DELETE deactivates: contacts are never deleted (their history and audit trail stay). */
async function deactivateUser(resource: SCIMMY.Resources.User, context: ScimContext) {
  const current = await organizationContact(context, resource.id!);
  const user: ScimUserIn = { ...userOf(current), active: false };
  await saveContact(context, current, {
    ...detailsFromScimUser(user, current.contact, current.types),
    status: ContactStatus.INACTIVE,
  });
}

/** Users are the organization's contacts. */
export function declareUsers() {
  // SCIMMY's handler types are its own schema classes; these handlers answer plain objects it formats.
  const ingress = (resource: unknown, instance: unknown, context: unknown) =>
    writeUser(resource as SCIMMY.Resources.User, instance as ScimUserIn, context as ScimContext);
  const egress = (resource: unknown, context: unknown) =>
    readUsers(resource as SCIMMY.Resources.User, context as ScimContext);
  const degress = (resource: unknown, context: unknown) =>
    deactivateUser(resource as SCIMMY.Resources.User, context as ScimContext);
  SCIMMY.Resources.declare(
    SCIMMY.Resources.User.ingress(scimHandler(ingress) as never)
      .egress(scimHandler(egress) as never)
      .degress(scimHandler(degress) as never),
  );
}
