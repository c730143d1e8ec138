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

/** Record a change in the same transaction as the change itself. */
export async function audit(
  manager: EntityManager,
  principal: Principal,
  entry: { organizationId: string; contactId: string; action: string; changes: FieldChange[] },
) {
  if (entry.changes.length === 0) return;
  const actor =
    principal.kind === 'contact' || principal.kind === 'staff' || principal.kind === 'service' ? principal : null;
  await manager.insert(AuditEntry, {
    id: randomUUID(),
    organizationId: entry.organizationId,
    contactId: entry.contactId,
    action: entry.action,
    actorKind: actor?.kind.toUpperCase() ?? 'UNKNOWN',
    actorId: actor?.id ?? '',
    changesJson: JSON.stringify(entry.changes),
  });
}
