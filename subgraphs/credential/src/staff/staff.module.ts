import { isAuthenticated } from '@ecg/policy';
import type { SubgraphModule } from '@ecg/infrastructure';
import type { CredentialServices } from '../services';
import { StaffAccount } from '../staff-logins/staff-account.entity';
import { StaffMember, staffMemberReference, StaffMemberResolver } from './staff-member.resolver';

/** Staff logins (the pension system's own people), with their own lockout; their names for audit trails. */
export const staffModule: SubgraphModule<CredentialServices> = {
  name: 'staff',
  entities: [StaffAccount],
  resolvers: [StaffMemberResolver],
  // Reached only through `_entities` from the contact subgraph's audit trail.
  orphanedTypes: [StaffMember],
  references: staffMemberReference,
  // A name shown beside the changes staff made, to whoever may read that trail.
  rules: { StaffMember: isAuthenticated },
};
