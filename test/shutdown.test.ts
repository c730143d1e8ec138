import { spawn } from 'node:child_process';
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
    const inFlight = fetch(`http://127.0.0.1:${port}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: '{ findAdministrators(organization: "county") { organizationCode } }' }),
    });
    await new Promise((r) => setTimeout(r, 5));
    child.kill('SIGTERM');
    const answer = await inFlight;
    expect(answer.status).toBe(200);
    expect(await exited).toBe(0);
    await expect(fetch(`http://127.0.0.1:${port}/health`)).rejects.toThrow();
  } finally {
    child.kill('SIGKILL');
    await dropDatabase(loadOrganizationConfig(env).database);
  }
});
