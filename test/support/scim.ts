import type { Federation } from './federation';
import { collectResponseSecrets } from './secrets';

export interface ScimResponse {
  status: number;
  headers: Headers;
  body: any;
}

const CREATE_TOKEN = `mutation ($org: ID!, $label: String!) {
  createProvisioningToken(organizationId: $org, label: $label) { token provisioningToken { id label } } }`;

/** A provisioning token of the organization, made by `adminToken` (staff by default). */
export async function provisioningToken(
  federation: Federation,
  organizationId: string,
  label: string,
  adminToken?: string,
): Promise<{ id: string; token: string }> {
  const { data, errors } = await federation.query(
    CREATE_TOKEN,
    { org: organizationId, label },
    { token: adminToken ?? (await federation.staffToken()) },
  );
  if (errors) throw new Error(JSON.stringify(errors));
  return { id: data.createProvisioningToken.provisioningToken.id, token: data.createProvisioningToken.token };
}

/** A SCIM client of the gateway's `/scim/v2/` with one token, as a directory is. */
export function scimClient(federation: Federation, token: string) {
  return async (method: string, path: string, body?: unknown, headers: Record<string, string> = {}) => {
    const response = await fetch(`${new URL(federation.gatewayUrl).origin}/scim/v2${path}`, {
      method,
      headers: {
        authorization: `Bearer ${token}`,
        ...(body === undefined ? {} : { 'content-type': 'application/scim+json' }),
        ...headers,
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await response.text();
    const result: ScimResponse = {
      status: response.status,
      headers: response.headers,
      body: text ? JSON.parse(text) : null,
    };
    collectResponseSecrets(result.body);
    return result;
  };
}

export type ScimClient = ReturnType<typeof scimClient>;

export const USER_SCHEMA = 'urn:ietf:params:scim:schemas:core:2.0:User';
export const PATCH_SCHEMA = 'urn:ietf:params:scim:api:messages:2.0:PatchOp';
