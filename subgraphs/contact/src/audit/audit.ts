import { randomUUID } from 'node:crypto';
import type { EntityManager } from 'typeorm';
import type { Principal } from '@ecg/policy';
import { AuditEntry, type FieldChange } from './audit-entry.entity';

/** What the audit compares: the contact form's values (text, enums, the list of contact types); null or absent when empty. */
export type AuditedValue = string | readonly string[] | null | undefined;
export type Snapshot = Record<string, AuditedValue>;

const show = (value: AuditedValue): string | null =>
  value === null || value === undefined ? null : typeof value === 'string' ? value : [...value].sort().join(', ');

/** The fields whose shown value differs between two snapshots of a contact. */
export function diff(before: Snapshot, after: Snapshot): FieldChange[] {
  return Object.keys(after)
    .filter((field) => show(before[field]) !== show(after[field]))
    .map((field) => ({ field, oldValue: show(before[field]), newValue: show(after[field]) }));
}

/** A directory provisioning the organization through SCIM, with one of its tokens. */
export interface ProvisioningActor {
  kind: 'provisioning';
  id: string;
  label: string;
}

/** Who made a change: the caller's principal, or a provisioning token. */
export type Actor = Principal | ProvisioningActor;

const actorOf = (actor: Actor) => {
  if (actor.kind === 'provisioning')
    return { actorKind: 'SCIM', actorId: actor.id, actorLabel: `provisioning token ${actor.label}` };
  const known = actor.kind === 'contact' || actor.kind === 'staff' || actor.kind === 'service' ? actor : null;
  return { actorKind: known?.kind.toUpperCase() ?? 'UNKNOWN', actorId: known?.id ?? '', actorLabel: null };
};

/** Record a change in the same transaction as the change itself. */
export async function audit(
  manager: EntityManager,
  actor: Actor,
  entry: { organizationId: string; contactId: string; action: string; changes: FieldChange[] },
) {
  if (entry.changes.length === 0) return;
  await manager.insert(AuditEntry, {
    id: randomUUID(),
    organizationId: entry.organizationId,
    contactId: entry.contactId,
    action: entry.action,
    ...actorOf(actor),
    changesJson: JSON.stringify(entry.changes),
  });
}
