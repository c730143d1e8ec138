import { Readable } from 'node:stream';
import type { Request, Response } from 'express';
import { requestId } from '@ecg/infrastructure';

const SCIM_PATH = '/scim/v2';
const unavailable = {
  schemas: ['urn:ietf:params:scim:api:messages:2.0:Error'],
  status: '503',
  detail: 'Provisioning is unavailable right now; try again shortly.',
};

// What SCIM needs each way: the token, the body's type and the version preconditions up; the
// body's type, the version, where a created resource lives and why a request was refused down.
const UPSTREAM_HEADERS = ['authorization', 'content-type', 'if-match', 'if-none-match'];
const DOWNSTREAM_HEADERS = ['content-type', 'etag', 'location', 'www-authenticate', 'retry-after'];

/**
 * `/scim/v2/…` on the gateway's origin, passed to the contact subgraph, which owns contacts and
 * their contact types and checks the provisioning token itself. As with downloads, the upstream
 * URL is the subgraph's configured origin and the caller's path under `/scim/v2` (never a host
 * of the caller's choosing), and redirects are not followed. The public origin goes along as
 * `x-forwarded-proto`/`x-forwarded-host`, so that `meta.location` names the gateway.
 */
export function proxyScim(subgraphUrl: string) {
  const origin = new URL(subgraphUrl).origin;
  return async (req: Request, res: Response) => {
    const path = new URL(req.originalUrl, 'http://request.invalid');
    const target = new URL(path.pathname + path.search, origin);
    const headers: Record<string, string> = {
      'x-forwarded-for': req.ip ?? '',
      'x-forwarded-proto': req.protocol,
      'x-forwarded-host': req.get('host') ?? '',
      'x-request-id': requestId(req),
    };
    for (const name of UPSTREAM_HEADERS) {
      const value = req.get(name);
      if (value) headers[name] = value;
    }
    const hasBody = !['GET', 'HEAD', 'DELETE'].includes(req.method);
    try {
      const upstream = await fetch(target, {
        method: req.method,
        headers,
        body: hasBody ? (Readable.toWeb(req) as never) : undefined,
        duplex: 'half',
        redirect: 'manual',
        signal: AbortSignal.timeout(60_000),
      } as RequestInit);
      if (upstream.status >= 300 && upstream.status < 400) {
        await upstream.body?.cancel();
        return void res.status(502).json({ ...unavailable, status: '502' });
      }
      res.status(upstream.status);
      for (const name of DOWNSTREAM_HEADERS) {
        const value = upstream.headers.get(name);
        if (value) res.set(name, value);
      }
      if (upstream.body) Readable.fromWeb(upstream.body as never).pipe(res);
      else res.end();
    } catch {
      if (!res.headersSent) res.status(503).json(unavailable);
      else res.destroy();
    }
  };
}

export { SCIM_PATH };
