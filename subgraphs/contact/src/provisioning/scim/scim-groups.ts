import { createHash } from 'node:crypto';
import SCIMMY from 'scimmy';
import { ContactType } from '@ecg/policy';
import type { ScimContext } from './scim-context';
import { weakETag } from './scim-context';
import {
  checkIfMatch,
  LABELS,
  organizationContact,
  organizationContacts,
  type ContactWithTypes,
} from './scim-contacts';
import { scimError, scimHandler } from './scim-errors';
import { filterOf, matchesFilter } from './scim-filter';
import { detailsFromScimUser, toScimUser, type ScimUserIn } from './scim-user-mapping';
import { saveContact } from './scim-users';

const TYPES = Object.values(ContactType);

/** A group's version changes when its members do. */
const versionOf = (memberIds: string[]) =>
  createHash('sha256')
    .update([...memberIds].sort().join(','))
    .digest('base64url')
    .slice(0, 16);

function groupOf(type: ContactType, contacts: ContactWithTypes[]) {
  const members = contacts.filter((c) => c.types.includes(type));
  return {
    id: type,
    displayName: LABELS[type],
    members: members.map(({ contact }) => ({ value: contact.id, display: contact.fullName, type: 'User' })),
    meta: { resourceType: 'Group', version: weakETag(versionOf(members.map((m) => m.contact.id))) },
  };
}

function typeOf(id: string): ContactType {
  const type = TYPES.find((t) => t === (id as ContactType));
  if (!type) throw scimError(404, null, `Resource ${id} not found`);
  return type;
}

async function readGroups(resource: SCIMMY.Resources.Group, context: ScimContext) {
  const contacts = await organizationContacts(context);
  if (resource.id) return groupOf(typeOf(resource.id), contacts);
  const filter = resource.filter ? filterOf(resource.filter) : null;
  const groups = TYPES.map((type) => groupOf(type, contacts));
  return filter ? groups.filter((group) => matchesFilter(group, filter)) : groups;
}

/** One contact gains or loses the type, through the same Save as the screen's. */
async function changeType(context: ScimContext, contactId: string, type: ContactType, add: boolean) {
  const current = await organizationContact(context, contactId).catch(() => {
    throw scimError(400, 'invalidValue', `members: ${contactId} is not a User of this organization`);
  });
  const types = add ? [...current.types, type] : current.types.filter((t) => t !== type);
  if (types.length === 0)
    throw scimError(
      400,
      'invalidValue',
      `members: ${current.contact.fullName} would have no contact type left; add them to another group first`,
    );
  const user: ScimUserIn = toScimUser(current.contact, current.types, LABELS);
  await saveContact({ ...context, ifMatch: null }, current, {
    ...detailsFromScimUser(user, current.contact, types),
    status: current.contact.status,
  });
}

/**
 * Contact types are fixed (the job aid's), so a group is never created, renamed or deleted; its
 * members change. Additions go first, so that handing the Administrator type from one contact to
 * another in one request never leaves the organization without one.
 */
interface GroupIn {
  displayName?: string;
  members?: { value?: string }[];
}

async function writeGroup(resource: SCIMMY.Resources.Group, group: GroupIn, context: ScimContext) {
  const existing = TYPES.find((t) => LABELS[t].toLowerCase() === String(group.displayName ?? '').toLowerCase());
  if (!resource.id) {
    if (existing) throw scimError(409, 'uniqueness', `A group named ${LABELS[existing]} exists: its id is ${existing}`);
    throw scimError(400, 'mutability', 'Groups are the fixed contact types; none can be created');
  }
  const type = typeOf(resource.id);
  if (group.displayName !== undefined && existing !== type)
    throw scimError(400, 'mutability', `displayName of ${type} is ${LABELS[type]} and cannot change`);
  const contacts = await organizationContacts(context);
  const before = groupOf(type, contacts);
  checkIfMatch(context, before.meta.version);
  const wanted = new Set((group.members ?? []).map((m) => String(m.value)));
  const current = new Set(before.members.map((m) => m.value));
  for (const id of wanted) if (!current.has(id)) await changeType(context, id, type, true);
  for (const id of current) if (!wanted.has(id)) await changeType(context, id, type, false);
  return groupOf(type, await organizationContacts(context));
}

/** Groups are the organization's contact types; their members, its contacts of that type. */
export function declareGroups() {
  const ingress = (resource: unknown, instance: unknown, context: unknown) =>
    writeGroup(resource as SCIMMY.Resources.Group, instance as GroupIn, context as ScimContext);
  const egress = (resource: unknown, context: unknown) =>
    readGroups(resource as SCIMMY.Resources.Group, context as ScimContext);
  const degress = async () => {
    throw scimError(400, 'mutability', 'Groups are the fixed contact types; none can be deleted');
  };
  SCIMMY.Resources.declare(
    SCIMMY.Resources.Group.ingress(scimHandler(ingress) as never)
      .egress(scimHandler(egress) as never)
      .degress(scimHandler(degress) as never),
  );
}
