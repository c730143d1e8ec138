import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import type { StartedServer } from '@ecg/infrastructure';

/**
 * The second gateway engine, Hive Gateway, lives in a package of its own (checks/hive-gateway,
 * outside the workspaces: its ~800 packages are for one test and one benchmark, not for everyone
 * who installs the project). `npm ci --prefix checks/hive-gateway` installs it; .ci/run does.
 */
export const HIVE_GATEWAY_DIR = resolve(__dirname, '../../checks/hive-gateway');

/**
 * `checks/hive-gateway/hive-gateway-main.js` as a child process, pointed at the subgraphs and
 * forwarding the caller's token; resolves once it listens. `deduplicateInflightRequests`: Hive
 * merges identical subgraph requests in flight by default; a fair benchmark turns it off.
 */
export async function spawnHiveGateway(
  subgraphUrls: Record<'organization' | 'contact' | 'credential', string>,
  deduplicateInflightRequests = true,
): Promise<StartedServer & { pid: number }> {
  if (!existsSync(resolve(HIVE_GATEWAY_DIR, 'node_modules')))
    throw new Error('Hive Gateway is not installed: run `npm ci --prefix checks/hive-gateway` first');
  const child = spawn(process.execPath, [resolve(HIVE_GATEWAY_DIR, 'hive-gateway-main.js')], {
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
