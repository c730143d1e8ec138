import type { CredentialConfig } from '../config';
import type { KeyStore } from '../keys/key-store';
import { signAccessToken } from '../sessions/access-token';
import { currentRequestId } from './request-scope';

/**
 * A GraphQL call to another subgraph with a one-minute service token of this subgraph's own:
 * how data owned elsewhere (a contact's types, an organization's name) is asked for, never copied.
 */
export function serviceClient(config: CredentialConfig, keys: KeyStore) {
  return async <T>(url: string, query: string, variables: Record<string, unknown>): Promise<T> => {
    const token = await signAccessToken(keys, config, { kind: 'service', id: 'credential' }, 60);
    const traced = currentRequestId();
    const response = await fetch(url, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        authorization: `Bearer ${token}`,
        // The caller's request id, so the other subgraph's log lines join this operation's.
        ...(traced ? { 'x-request-id': traced } : {}),
      },
      body: JSON.stringify({ query, variables }),
      signal: AbortSignal.timeout(5000),
    });
    const body = (await response.json()) as { data?: T; errors?: unknown[] };
    if (!response.ok || body.errors?.length || !body.data)
      throw new Error(`${url} answered ${response.status}: ${JSON.stringify(body.errors ?? body)}`);
    return body.data;
  };
}

export type ServiceClient = ReturnType<typeof serviceClient>;
