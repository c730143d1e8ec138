import { spawn } from 'node:child_process';
import { request as httpRequest, type IncomingMessage } from 'node:http';
import { resolve } from 'node:path';
import { dropDatabase } from '@ecg/infrastructure';
import { loadOrganizationConfig } from '@ecg/organization';
import { freePort } from '@ecg/tools';
import { uniqueDatabaseUrl } from './support/database';

// On SIGTERM a service stops taking requests, finishes those in flight, closes its pool
// and exits 0. The real entry point (built by `npm test`'s pretest), in its own process.
it('a subgraph finishes the request in flight and exits 0 on SIGTERM', async () => {
  const port = await freePort();
  const env = {
    ...process.env,
    HOST: '127.0.0.1',
    ORGANIZATION_PORT: String(port),
    DATABASE_URL: uniqueDatabaseUrl('sigterm'),
    LOG_LEVEL: 'silent',
    DEMO_DATA: 'true',
  };
  const child = spawn(process.execPath, [resolve(__dirname, '../subgraphs/organization/dist/index.js')], {
    env,
    stdio: 'ignore',
  });
  const exited = new Promise<number | null>((done) => child.once('exit', (code) => done(code)));
  try {
    for (let i = 0; i < 100; i++) {
      const up = await fetch(`http://127.0.0.1:${port}/health`).then(
        (r) => r.ok,
        () => false,
      );
      if (up) break;
      await new Promise((r) => setTimeout(r, 200));
    }
    // In flight for sure: the request's headers and part of its body are at the server before the
    // signal, the rest after it (a request sent a few milliseconds before it may not have arrived
    // yet on a busy machine, and a connection with no request on it is rightly closed at once).
    const body = JSON.stringify({ query: '{ findAdministrators(organization: "county") { organizationCode } }' });
    const request = httpRequest(`http://127.0.0.1:${port}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) },
    });
    const inFlight = new Promise<IncomingMessage>((answered, failed) => {
      request.once('response', answered);
      request.once('error', failed);
    });
    request.write(body.slice(0, 20));
    await new Promise((r) => setTimeout(r, 500));
    child.kill('SIGTERM');
    request.end(body.slice(20));
    const answer = await inFlight;
    expect(answer.statusCode).toBe(200);
    const text = await new Promise<string>((read) => {
      let all = '';
      answer.setEncoding('utf8').on('data', (chunk: string) => (all += chunk));
      answer.once('end', () => read(all));
    });
    expect(JSON.parse(text).errors).toBeUndefined();
    expect(await exited).toBe(0);
    await expect(fetch(`http://127.0.0.1:${port}/health`)).rejects.toThrow();
  } finally {
    child.kill('SIGKILL');
    await dropDatabase(loadOrganizationConfig(env).database);
  }
});
