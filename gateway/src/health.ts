import type { Request, Response } from 'express';

/** `GET /health` of the gateway: itself, and each subgraph's own health (its database included). */
export function gatewayHealth(subgraphUrls: Record<string, string>, ready: () => boolean = () => true) {
  return async (_req: Request, res: Response) => {
    // Until /graphql is mounted (after listening), the gateway cannot answer: not healthy yet.
    if (!ready()) return void res.status(503).json({ service: 'gateway', status: 'starting' });
    const entries = await Promise.all(
      Object.entries(subgraphUrls).map(async ([name, url]) => {
        try {
          const response = await fetch(new URL('/health', url), { signal: AbortSignal.timeout(2000) });
          return [name, response.ok ? 'up' : 'degraded'] as const;
        } catch {
          return [name, 'down'] as const;
        }
      }),
    );
    const subgraphs = Object.fromEntries(entries);
    const healthy = entries.every(([, state]) => state === 'up');
    res.status(healthy ? 200 : 503).json({ service: 'gateway', status: healthy ? 'ok' : 'degraded', subgraphs });
  };
}
