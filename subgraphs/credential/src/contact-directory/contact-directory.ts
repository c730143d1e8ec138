import type { ContactType } from '@ecg/policy';
import type { CredentialConfig } from '../config';
import type { ServiceClient } from './service-client';

export interface ContactFacts {
  id: string;
  status: 'ACTIVE' | 'INACTIVE';
  organizationId: string;
  contactTypes: ContactType[];
  fullName: string;
  primaryEmail: string | null;
}

export interface OrganizationFacts {
  id: string;
  displayName: string;
  automaticInternetAccess: boolean;
  secondFactorRequired: boolean;
  administrators: string[];
}

const CONTACT = `query ContactFacts($representations: [_Any!]!) {
  _entities(representations: $representations) { ... on Contact { id status contactTypes fullName primaryEmail organization { id } } }
}`;
const ORGANIZATION = `query OrganizationFacts($representations: [_Any!]!) {
  _entities(representations: $representations) { ... on Organization { id displayName automaticInternetAccess secondFactorRequired } }
}`;
const EMAIL_DOMAINS = `query OrganizationEmailDomains($representations: [_Any!]!) {
  _entities(representations: $representations) { ... on Organization { id internalOnlyEmailDomains } }
}`;
const ADMINISTRATORS = `query Administrators($representations: [_Any!]!) {
  _entities(representations: $representations) { ... on AdministratorDirectoryEntry { administrators } }
}`;

type Entities<T> = { _entities: (T | null)[] };

/** What this subgraph needs to know of contacts and organizations, asked of their owners. */
export function directory(config: CredentialConfig, call: ServiceClient) {
  return {
    async contact(contactId: string): Promise<ContactFacts | null> {
      const data = await call<Entities<Omit<ContactFacts, 'organizationId'> & { organization: { id: string } }>>(
        config.contactUrl,
        CONTACT,
        {
          representations: [{ __typename: 'Contact', id: contactId }],
        },
      );
      const found = data._entities[0];
      return found && { ...found, organizationId: found.organization.id };
    },
    /** Each organization's internal-only email domains, in the order asked (none for one that is gone). */
    async internalOnlyEmailDomains(organizationIds: readonly string[]): Promise<string[][]> {
      const data = await call<Entities<{ id: string; internalOnlyEmailDomains: string[] }>>(
        config.organizationUrl,
        EMAIL_DOMAINS,
        { representations: organizationIds.map((id) => ({ __typename: 'Organization', id })) },
      );
      return data._entities.map((found) => found?.internalOnlyEmailDomains ?? []);
    },
    async organization(organizationId: string): Promise<OrganizationFacts | null> {
      const [organization, administrators] = await Promise.all([
        call<Entities<Omit<OrganizationFacts, 'administrators'>>>(config.organizationUrl, ORGANIZATION, {
          representations: [{ __typename: 'Organization', id: organizationId }],
        }),
        call<Entities<{ administrators: string[] }>>(config.contactUrl, ADMINISTRATORS, {
          representations: [{ __typename: 'AdministratorDirectoryEntry', organizationId }],
        }),
      ]);
      const found = organization._entities[0];
      return found && { ...found, administrators: administrators._entities[0]?.administrators ?? [] };
    },
  };
}

export type Directory = ReturnType<typeof directory>;
