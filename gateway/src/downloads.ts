import { Readable } from 'node:stream';
import type { Request, Response } from 'express';

/**
 * File downloads a subgraph serves (the contacts spreadsheet) pass through the gateway as a
 * stream, with the caller's token; the subgraph decides who may have them.
 */
export function proxyDownload(subgraphUrl: string) {
  return async (req: Request, res: Response) => {
    const target = new URL(req.originalUrl, subgraphUrl);
    try {
      const upstream = await fetch(target, {
        headers: { ...(req.headers.authorization ? { authorization: req.headers.authorization } : {}), 'x-forwarded-for': req.ip ?? '' },
        signal: AbortSignal.timeout(5 * 60_000),
      });
      res.status(upstream.status);
      for (const header of ['content-type', 'content-disposition', 'cache-control']) {
        const value = upstream.headers.get(header);
        if (value) res.set(header, value);
      }
      if (upstream.body) Readable.fromWeb(upstream.body as never).pipe(res);
      else res.end();
    } catch {
      if (!res.headersSent) res.status(502).json({ errors: [{ message: 'The download is unavailable right now.', extensions: { code: 'SERVICE_UNAVAILABLE' } }] });
      else res.destroy();
    }
  };
}
