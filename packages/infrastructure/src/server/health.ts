import type { Request, Response } from 'express';
import type { DataSource } from 'typeorm';

/** `GET /health`: 200 when the database answers, 503 when it does not. Never throws. */
export function healthHandler(service: string, dataSource: DataSource, ready: () => boolean = () => true) {
  return async (_req: Request, res: Response) => {
    // Listening comes before GraphQL is mounted: until then /graphql answers 404, so the service is
    // not healthy yet (a launcher or a load balancer would send it requests it cannot answer).
    if (!ready()) return void res.status(503).json({ service, status: 'starting' });
    let database: 'up' | 'down' = 'down';
    try {
      if (dataSource.isInitialized) {
        await dataSource.query('SELECT 1');
        database = 'up';
      }
    } catch {
      database = 'down';
    }
    res
      .status(database === 'up' ? 200 : 503)
      .json({ service, status: database === 'up' ? 'ok' : 'unavailable', database });
  };
}
