import type { ContactType } from '@ecg/shared';
import type { CredentialConfig } from '../config';
import type { KeyStore } from '../keys/key-store';
import { signAccessToken } from '../sessions/access-token';

export interface ContactFacts {
  id: string;
  status: 'ACTIVE' | 'INACTIVE';
  organizationId: string;
  contactTypes: ContactType[];
}

const QUERY = `query ContactFacts($representations: [_Any!]!) {
  _entities(representations: $representations) { ... on Contact { id status contactTypes organization { id } } }
}`;

/**
 * The contact subgraph owns a contact's status, organization and types; this subgraph asks it,
 * with a short-lived service token of its own, instead of keeping a copy that could go stale.
 */
export function contactDirectory(config: CredentialConfig, keys: KeyStore) {
  return async (contactId: string): Promise<ContactFacts | null> => {
    const token = await signAccessToken(keys, config, { kind: 'service', id: 'credential' }, 60);
    const response = await fetch(config.contactUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: JSON.stringify({ query: QUERY, variables: { representations: [{ __typename: 'Contact', id: contactId }] } }),
      signal: AbortSignal.timeout(5000),
    });
    const body = (await response.json()) as { data?: { _entities: (null | { id: string; status: ContactFacts['status']; contactTypes: ContactType[]; organization: { id: string } })[] }; errors?: unknown[] };
    if (!response.ok || body.errors?.length || !body.data) throw new Error(`contact subgraph answered ${response.status}: ${JSON.stringify(body.errors ?? body)}`);
    const found = body.data._entities[0];
    return found && { id: found.id, status: found.status, organizationId: found.organization.id, contactTypes: found.contactTypes };
  };
}

export type ContactDirectory = ReturnType<typeof contactDirectory>;
