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
  /** The primary email is temporary, to review by this day (YYYY-MM-DD). */
  temporaryEmailReviewBy: string | null;
}

export interface OrganizationFacts {
  id: string;
  displayName: string;
  automaticInternetAccess: boolean;
  secondFactorRequired: boolean;
  administrators: string[];
}

const CONTACT = `query ContactFacts($representations: [_Any!]!) {
  _entities(representations: $representations) { ... on Contact { id status contactTypes fullName primaryEmail temporaryEmailReviewBy organization { id } } }
}`;
const ORGANIZATION = `query OrganizationFacts($representations: [_Any!]!) {
  _entities(representations: $representations) { ... on Organization { id displayName automaticInternetAccess secondFactorRequired } }
}`;
const EMAIL_DOMAINS = `query OrganizationEmailDomains($representations: [_Any!]!) {
  _entities(representations: $representations) { ... on Organization { id internalOnlyEmailDomains approvedEmailDomains } }
}`;
const CONTACTS_OF = `query ContactsOf($representations: [_Any!]!, $page: Int!) {
  _entities(representations: $representations) { ... on Organization {
    contacts(page: $page, pageSize: 100, status: ACTIVE) { pageCount items { id fullName primaryEmail temporaryEmailReviewBy } } } }
}`;
const ADMINISTRATORS = `query Administrators($representations: [_Any!]!) {
  _entities(representations: $representations) { ... on AdministratorDirectoryEntry { administrators } }
}`;

type Entities<T> = { _entities: (T | null)[] };

/** What this subgraph needs to know of contacts and organizations, asked of their owners. */
export function directory(config: CredentialConfig, call: ServiceClient) {
  /** Several contacts in one call, in the order asked (null for one that does not exist). */
  async function contacts(contactIds: readonly string[]): Promise<(ContactFacts | null)[]> {
    if (!contactIds.length) return [];
    const data = await call<Entities<Omit<ContactFacts, 'organizationId'> & { organization: { id: string } }>>(
      config.contactUrl,
      CONTACT,
      { representations: contactIds.map((id) => ({ __typename: 'Contact', id })) },
    );
    return data._entities.map((found) => found && { ...found, organizationId: found.organization.id });
  }
  async function emailDomains(organizationIds: readonly string[]) {
    const data = await call<
      Entities<{ id: string; internalOnlyEmailDomains: string[]; approvedEmailDomains: string[] }>
    >(config.organizationUrl, EMAIL_DOMAINS, {
      representations: organizationIds.map((id) => ({ __typename: 'Organization', id })),
    });
    return data._entities;
  }
  return {
    async contact(contactId: string): Promise<ContactFacts | null> {
      return (await contacts([contactId]))[0];
    },
    contacts,
    /** Each organization's internal-only email domains, in the order asked (none for one that is gone). */
    async internalOnlyEmailDomains(organizationIds: readonly string[]): Promise<string[][]> {
      return (await emailDomains(organizationIds)).map((found) => found?.internalOnlyEmailDomains ?? []);
    },
    /** Each organization's approved email domains (empty: any), in the order asked. */
    async approvedEmailDomains(organizationIds: readonly string[]): Promise<string[][]> {
      return (await emailDomains(organizationIds)).map((found) => found?.approvedEmailDomains ?? []);
    },
    /** The organization's active contacts, every page. */
    async activeContactsOf(organizationId: string): Promise<Omit<ContactFacts, 'status' | 'contactTypes'>[]> {
      type Page = { pageCount: number; items: Omit<ContactFacts, 'status' | 'contactTypes' | 'organizationId'>[] };
      const all: Omit<ContactFacts, 'status' | 'contactTypes'>[] = [];
      for (let page = 1; ; page++) {
        const data = await call<Entities<{ contacts: Page }>>(config.contactUrl, CONTACTS_OF, {
          representations: [{ __typename: 'Organization', id: organizationId }],
          page,
        });
        const found = data._entities[0]?.contacts;
        all.push(...(found?.items ?? []).map((item) => ({ ...item, organizationId })));
        if (!found || page >= found.pageCount) return all;
      }
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
