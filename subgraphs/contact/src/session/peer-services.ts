import { appError, CONTACT_ACCESS_REDUCED_PATH, remoteSessionStatus } from '@ecg/policy';
import type { ContactConfig } from '../config';

const unavailable = (what: string) =>
  appError('SERVICE_UNAVAILABLE', `${what} cannot be reached right now; try again shortly.`);

const LOGINS = `query SelfServiceContactIds($representations: [_Any!]!, $status: SelfServiceStatus) { _entities(representations: $representations) { ... on Organization { selfServiceContactIds(status: $status) } } }`;

const ORGANIZATION = `query OrganizationExists($representations: [_Any!]!) { _entities(representations: $representations) { ... on Organization { id } } }`;
const ORGANIZATION_CODE = `query OrganizationCode($representations: [_Any!]!) { _entities(representations: $representations) { ... on Organization { id code } } }`;
const SELF_SERVICE = `query SelfServiceStatus($representations: [_Any!]!) { _entities(representations: $representations) { ... on Contact { id selfService { status } } } }`;

type Entities<T> = { data?: { _entities: (T | null)[] }; errors?: unknown[] };

/** `_entities` of another subgraph, asked with the caller's token; null when it cannot answer. */
async function entities<T>(
  url: string,
  query: string,
  representations: object[],
  authorization: string | undefined,
): Promise<(T | null)[] | null> {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(authorization ? { authorization } : {}) },
    body: JSON.stringify({ query, variables: { representations } }),
    signal: AbortSignal.timeout(5000),
  }).catch(() => null);
  const body = response?.ok ? ((await response.json()) as Entities<T>) : null;
  return body?.data && !body.errors?.length ? body.data._entities : null;
}

/**
 * What this subgraph asks of the others, always with its caller's own token (it holds no keys):
 * whether the caller's session is still current, that a contact lost access, whether an
 * organization exists, an organization's code and its contacts' self-service status (the export).
 * Each fails closed: the request that needs it is refused.
 */
export function peerServices(config: ContactConfig) {
  const reducedUrl = new URL(CONTACT_ACCESS_REDUCED_PATH, config.auth.jwksUrl).toString();
  // The credential subgraph answers GraphQL beside its keys, as it answers the sessions' calls.
  const credentialUrl = new URL('/graphql', config.auth.jwksUrl).toString();
  return {
    /** DISPLAY_TIME_ZONE: the day an export is named by. */
    displayTimeZone: config.displayTimeZone,

    sessionStatus: remoteSessionStatus(config.auth.jwksUrl),

    /** The credential subgraph ends the contact's sessions (deactivated, or a contact type removed). */
    async contactAccessReduced(contactId: string, authorization: string | undefined): Promise<void> {
      const response = await fetch(reducedUrl, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...(authorization ? { authorization } : {}) },
        body: JSON.stringify({ contactId }),
        signal: AbortSignal.timeout(5000),
      }).catch(() => null);
      if (response?.status !== 204) throw unavailable('The credential service');
    },

    /** The SCIM endpoint's limit per provisioning token (configuration, beside the peers it calls). */
    scimRateLimit: { limit: config.scimRequestsPerMinute, windowSeconds: 60 },

    /**
     * The credential subgraph owns the logins: the ids of the organization's contacts whose login
     * is in this status (every contact with a login when null), as the caller may see them.
     */
    async selfServiceContactIds(
      organizationId: string,
      status: string | null,
      authorization: string | undefined,
    ): Promise<string[]> {
      const response = await fetch(credentialUrl, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...(authorization ? { authorization } : {}) },
        body: JSON.stringify({
          query: LOGINS,
          variables: { representations: [{ __typename: 'Organization', id: organizationId }], status },
        }),
        signal: AbortSignal.timeout(5000),
      }).catch(() => null);
      type Answer = { data?: { _entities: ({ selfServiceContactIds?: string[] } | null)[] }; errors?: unknown[] };
      const body = response?.ok ? ((await response.json()) as Answer) : null;
      const ids = body?.data?._entities[0]?.selfServiceContactIds;
      if (!ids || body?.errors?.length) throw unavailable('The credential service');
      return ids;
    },

    /** Asked of the organization subgraph, which owns organizations. */
    async organizationExists(organizationId: string, authorization: string | undefined): Promise<boolean> {
      const response = await fetch(config.organizationUrl, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...(authorization ? { authorization } : {}) },
        body: JSON.stringify({
          query: ORGANIZATION,
          variables: { representations: [{ __typename: 'Organization', id: organizationId }] },
        }),
        signal: AbortSignal.timeout(5000),
      }).catch(() => null);
      const body = response?.ok
        ? ((await response.json()) as { data?: { _entities: ({ id: string } | null)[] }; errors?: unknown[] })
        : null;
      if (!body?.data || body.errors?.length) throw unavailable('The organization service');
      return body.data._entities[0]?.id === organizationId;
    },

    /** The organization's code (what people call it), asked of the organization subgraph. */
    async organizationCode(organizationId: string, authorization: string | undefined): Promise<string> {
      const found = await entities<{ id: string; code: string }>(
        config.organizationUrl,
        ORGANIZATION_CODE,
        [{ __typename: 'Organization', id: organizationId }],
        authorization,
      );
      if (!found?.[0]) throw unavailable('The organization service');
      return found[0].code;
    },

    /**
     * The self-service status of each contact (null: never registered), asked of the credential
     * subgraph with the caller's token: it shows only the panels the caller may read.
     */
    async selfServiceStatuses(
      contactIds: string[],
      authorization: string | undefined,
    ): Promise<Map<string, string | null>> {
      const found = await entities<{ id: string; selfService: { status: string } | null }>(
        credentialUrl,
        SELF_SERVICE,
        contactIds.map((id) => ({ __typename: 'Contact', id })),
        authorization,
      );
      if (!found) throw unavailable('The credential service');
      return new Map(found.flatMap((c) => (c ? [[c.id, c.selfService?.status ?? null] as const] : [])));
    },
  };
}

export type PeerServices = ReturnType<typeof peerServices>;
