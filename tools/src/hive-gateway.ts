import { readFileSync } from 'node:fs';
import { spawn } from 'node:child_process';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { resolve } from 'node:path';
import { createGatewayRuntime, HTTPTransport } from '@graphql-hive/gateway';
import { unifiedGraphHandler } from '@graphql-hive/router-runtime';
import type { StartedServer } from '@ecg/infrastructure';

export interface HiveGatewayOptions {
  /** Each subgraph's GraphQL URL, by its name in the supergraph. */
  subgraphUrls: Record<string, string>;
  /** Hive merges identical subgraph requests in flight by default; a fair benchmark turns it off. */
  deduplicateInflightRequests?: boolean;
  port?: number;
  host?: string;
}

/**
 * A second gateway engine on the same committed supergraph: Hive Gateway with the Rust query
 * planner of Hive Router, pointed at our subgraphs, forwarding the caller's token. It shows the
 * supergraph is portable; the test compares its answers with the Apollo gateway's.
 * Run it in a plain Node process (`hive-gateway-main.ts`): the router runtime loads its planner
 * with a dynamic import(), which jest's module sandbox refuses.
 */
export async function startHiveGateway(options: HiveGatewayOptions): Promise<StartedServer> {
  const supergraph = readFileSync(resolve(__dirname, '../../schema/supergraph.graphql'), 'utf8');
  const gateway = createGatewayRuntime({
    supergraph,
    unifiedGraphHandler,
    logging: false,
    // Loaded here rather than by the runtime's dynamic import (which jest's module sandbox refuses).
    transports: { http: HTTPTransport },
    landingPage: false,
    graphiql: false,
    transportEntries: Object.fromEntries(
      Object.entries(options.subgraphUrls).map(([name, location]) => [
        name,
        { location, options: { deduplicateInflightRequests: options.deduplicateInflightRequests ?? true } },
      ]),
    ),
    propagateHeaders: {
      fromClientToSubgraphs: ({ request }) => ({ authorization: request.headers.get('authorization') }),
    },
  });
  const server = createServer(gateway);
  await new Promise<void>((done) => server.listen(options.port ?? 0, options.host ?? '127.0.0.1', done));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/graphql`,
    stop: async () => {
      server.closeAllConnections();
      await new Promise((done) => server.close(done));
      await gateway.dispose();
    },
  };
}

/** `hive-gateway-main` (built) as a child process; resolves once it listens. */
export async function spawnHiveGateway(
  subgraphUrls: Record<'organization' | 'contact' | 'credential', string>,
  deduplicateInflightRequests = true,
): Promise<StartedServer & { pid: number }> {
  const child = spawn(process.execPath, [resolve(__dirname, '../dist/hive-gateway-main.js')], {
    env: {
      ...process.env,
      HIVE_PORT: '0',
      ORGANIZATION_URL: subgraphUrls.organization,
      CONTACT_URL: subgraphUrls.contact,
      CREDENTIAL_URL: subgraphUrls.credential,
      HIVE_DEDUPLICATE: String(deduplicateInflightRequests),
    },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  // Not left running when this process exits without stopping it (a benchmark interrupted).
  const orphaned = () => child.kill('SIGTERM');
  process.once('exit', orphaned);
  const exited = new Promise<void>((done) => child.once('exit', () => (process.off('exit', orphaned), done())));
  const url = await new Promise<string>((done, fail) => {
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      const found = /hive-gateway listening (\S+)/.exec(output);
      if (found) done(found[1]);
    });
    child.once('exit', (code) => fail(new Error(`Hive Gateway exited (${code}) before it listened`)));
  });
  return {
    url,
    pid: child.pid!,
    stop: async () => {
      if (child.exitCode === null) child.kill('SIGTERM');
      await exited;
    },
  };
}
