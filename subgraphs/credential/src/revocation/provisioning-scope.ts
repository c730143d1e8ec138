import { PROVISIONING_TOKEN_SCOPE_PATH } from '@ecg/policy';

/**
 * The organization a provisioning token (SCIM) acts for, asked of the contact subgraph, which
 * issued it and keeps its hash; null for anything else, or when that subgraph cannot say.
 */
export function provisioningScope(contactUrl: string) {
  const url = new URL(PROVISIONING_TOKEN_SCOPE_PATH, contactUrl).toString();
  return async (authorization: string | undefined): Promise<string | null> => {
    if (!authorization?.startsWith('Bearer ecgp_')) return null;
    const response = await fetch(url, {
      method: 'POST',
      headers: { authorization },
      signal: AbortSignal.timeout(5000),
    }).catch(() => null);
    if (response?.status !== 200) return null;
    const body = (await response.json().catch(() => null)) as { organizationId?: unknown } | null;
    return typeof body?.organizationId === 'string' ? body.organizationId : null;
  };
}
