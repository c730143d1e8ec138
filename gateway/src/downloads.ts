import { Readable } from 'node:stream';
import type { Request, Response } from 'express';
import { requestId } from '@ecg/infrastructure';
import { appErrorBody } from '@ecg/policy';

const unavailable = appErrorBody('SERVICE_UNAVAILABLE', 'The download is unavailable right now.');

/**
 * File downloads a subgraph serves (the contacts spreadsheet) pass through the gateway as a
 * stream, with the caller's token; the subgraph decides who may have them.
 *
 * The upstream URL is the subgraph's configured origin, a fixed path and the caller's query
 * string, nothing else: a request-target in absolute form (`GET http://other-host/...`) must
 * never choose the host. Redirects are not followed (a 3xx is a 502), so the subgraph cannot
 * send the gateway, and the caller's token, anywhere else either.
 */
export function proxyDownload(subgraphUrl: string, path: string) {
  const origin = new URL(subgraphUrl).origin;
  return async (req: Request, res: Response) => {
    const target = new URL(path, origin);
    // Only the query string of what the caller sent; its scheme, host and path are ignored.
    target.search = new URL(req.originalUrl, 'http://request.invalid').search;
    try {
      const upstream = await fetch(target, {
        // The only headers a download needs upstream: who asks, from where, and the id for the logs.
        headers: {
          ...(req.headers.authorization ? { authorization: req.headers.authorization } : {}),
          'x-forwarded-for': req.ip ?? '',
          'x-request-id': requestId(req),
        },
        redirect: 'manual',
        signal: AbortSignal.timeout(5 * 60_000),
      });
      if (upstream.status >= 300 && upstream.status < 400) {
        await upstream.body?.cancel();
        return void res.status(502).json(unavailable);
      }
      res.status(upstream.status);
      for (const header of ['content-type', 'content-disposition', 'cache-control']) {
        const value = upstream.headers.get(header);
        if (value) res.set(header, value);
      }
      if (upstream.body) Readable.fromWeb(upstream.body as never).pipe(res);
      else res.end();
    } catch {
      if (!res.headersSent) res.status(502).json(unavailable);
      else res.destroy();
    }
  };
}
