import { Agent, createServer, request, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface RoundRobinProxy {
  /** Where callers send their requests, e.g. http://127.0.0.1:PORT (paths pass through). */
  url: string;
  /** The replicas behind it, in turn; set once they have started (their ports are only known then). */
  setBackends(origins: string[]): void;
  /** POSTs each backend origin has answered so far (GraphQL operations, not health checks or JWKS fetches). */
  posts(): Record<string, number>;
  stop(): Promise<void>;
}

/**
 * An HTTP load balancer for tests and benchmarks: each request goes to the next replica in turn
 * (per request, not per connection, so one keep-alive client still reaches every replica), the
 * way a production load balancer spreads work. Headers pass through unchanged.
 */
export async function startRoundRobinProxy(host = '127.0.0.1'): Promise<RoundRobinProxy> {
  let backends: URL[] = [];
  let next = 0;
  const posts: Record<string, number> = {};
  // Idle connections closed well before the replicas' servers close theirs (Node's default: 5 s):
  // a request sent on a connection the other side is closing fails (ECONNRESET, answered 502),
  // which a loaded machine made likely enough to fail tests (as gateway/src/subgraph-fetcher.ts).
  const agent = new Agent({ keepAlive: true, timeout: 2000 });
  const server: Server = createServer((req, res) => {
    if (!backends.length) return void res.writeHead(503).end();
    const target = backends[next++ % backends.length];
    if (req.method === 'POST') posts[target.origin] = (posts[target.origin] ?? 0) + 1;
    const upstream = request(
      { host: target.hostname, port: target.port, method: req.method, path: req.url, headers: req.headers, agent },
      (answer) => {
        res.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(res);
      },
    );
    upstream.on('error', () => {
      if (!res.headersSent) res.writeHead(502);
      res.end();
    });
    req.pipe(upstream);
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, host, () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://${host}:${port}`,
    setBackends: (origins) => void (backends = origins.map((o) => new URL(o))),
    posts: () => ({ ...posts }),
    stop: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
        agent.destroy();
      }),
  };
}
