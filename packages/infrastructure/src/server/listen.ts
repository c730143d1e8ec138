import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Express } from 'express';

export interface Listening {
  httpServer: Server;
  /** Base URL, with the real port when 0 was asked for. */
  baseUrl: string;
}

export async function listen(app: Express, host: string, port: number): Promise<Listening> {
  const httpServer = createServer(app);
  await new Promise<void>((resolve, reject) => {
    httpServer.once('error', reject);
    httpServer.listen(port, host, () => resolve());
  });
  const address = httpServer.address() as AddressInfo;
  const shownHost = host === '0.0.0.0' || host === '::' ? 'localhost' : host;
  return { httpServer, baseUrl: `http://${shownHost}:${address.port}` };
}

/** Stop taking connections, let those in flight finish, then resolve. */
export function close(httpServer: Server): Promise<void> {
  return new Promise((resolve, reject) => {
    httpServer.close((err) => (err ? reject(err) : resolve()));
    httpServer.closeIdleConnections();
  });
}
