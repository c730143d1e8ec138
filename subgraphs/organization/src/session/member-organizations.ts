import type { Request } from 'express';

const MEMBERSHIPS = '{ me { memberships { organizationId } } }';

/**
 * The organizations the caller belongs to, as the credential subgraph (which keeps people and
 * their memberships) tells the caller itself: `me.memberships` asked with the caller's own token,
 * so it answers for that person and nobody else. A token names one organization (the one it acts
 * for); a person of several may still read the code and name of the others
 * (`me { memberships { organization { name } } }`).
 *
 * Asked once per request, and only when the cheaper rules have refused. Fails closed: when the
 * credential subgraph cannot say, the caller belongs to no other organization.
 */
export function memberOrganizations(jwksUrl: string) {
  const url = new URL('/graphql', jwksUrl).toString();
  const perRequest = new WeakMap<Request, Promise<ReadonlySet<string>>>();
  const ask = async (req: Request): Promise<ReadonlySet<string>> => {
    const authorization = req.headers.authorization;
    if (!authorization) return new Set();
    try {
      const response = await fetch(url, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          authorization,
          ...(req.ip ? { 'x-forwarded-for': req.ip } : {}),
        },
        body: JSON.stringify({ query: MEMBERSHIPS }),
        signal: AbortSignal.timeout(3000),
      });
      const body = (await response.json()) as {
        data?: { me?: { memberships?: { organizationId: string }[] } | null } | null;
      };
      return new Set((body.data?.me?.memberships ?? []).map((m) => m.organizationId));
    } catch {
      return new Set();
    }
  };
  return (req: Request): Promise<ReadonlySet<string>> => {
    let found = perRequest.get(req);
    if (!found) perRequest.set(req, (found = ask(req)));
    return found;
  };
}
