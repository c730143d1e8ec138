import type { Request, Response } from 'express';
import type { DataSource } from 'typeorm';

/** `GET /health`: 200 when the database answers, 503 when it does not. Never throws. */
export function healthHandler(service: string, dataSource: DataSource) {
  return async (_req: Request, res: Response) => {
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
