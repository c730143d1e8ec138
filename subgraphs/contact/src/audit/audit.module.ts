import type { SubgraphModule } from '@ecg/infrastructure';
import { AuditActorResolver, StaffMember } from './audit-actor';
import { AuditEntry } from './audit-entry.entity';
import { auditPermissions } from './audit.permissions';
import { ContactAuditResolver, OrganizationAuditResolver } from './audit.resolver';

/** Every change to a contact, kept: a contact's and an organization's audit trail. */
export const auditModule: SubgraphModule = {
  name: 'audit',
  resolvers: [ContactAuditResolver, OrganizationAuditResolver, AuditActorResolver],
  // Reached only through `AuditEntry.staff`: named so that it is emitted.
  orphanedTypes: [StaffMember],
  rules: auditPermissions,
  entities: [AuditEntry],
};
