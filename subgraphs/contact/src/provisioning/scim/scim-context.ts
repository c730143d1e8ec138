import type { DataSource } from 'typeorm';
import type { ProvisioningActor } from '../../audit/audit';

/** What every SCIM handler acts with: the token's organization, and nothing else. */
export interface ScimContext {
  dataSource: DataSource;
  organizationId: string;
  actor: ProvisioningActor;
  /** The version `If-Match` names (`W/"3"` → 3), when the request sent one. */
  ifMatch: string | null;
  /** Ends the sessions of a contact that lost access, as a Save on the screen does. */
  accessReduced(contactId: string): Promise<void>;
}

export const weakETag = (version: string | number) => `W/"${version}"`;
