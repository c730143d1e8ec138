import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { freePort } from '@ecg/tools';
import { TEST_HASH_COST } from './support/federation';

// `npm start` keeps running. The real launcher (built by `npm test`'s pretest) on the
// embedded SQLite default in a temporary folder: a killed subgraph leaves partial answers, then
// comes back by itself; the other services never stop; SIGTERM still stops everything with 0.
// Two root fields: the organization subgraph's search, and a page of contacts from the contact subgraph.
const QUERY =
  '{ organizations(search: "42061") { items { code name } } organization(code: "42061") { name contacts(pageSize: 3) { totalCount items { fullName } } } }';

let launcher: ChildProcess | undefined;
let output = '';
const ENTRIES = {
  organization: 'subgraphs/organization/dist',
  contact: 'subgraphs/contact/dist',
  credential: 'subgraphs/credential/dist',
  gateway: 'gateway/dist',
};
type Service = keyof typeof ENTRIES;
const SERVICES = Object.keys(ENTRIES) as Service[];
/** The launcher's child processes now, by service, read from /proc (Linux). */
function children(): Record<Service, number | undefined> {
  const found: Partial<Record<Service, number>> = {};
  for (const entry of readdirSync('/proc').filter((e) => /^\d+$/.test(e))) {
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      const parent = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      if (parent !== launcher?.pid) continue;
      const command = readFileSync(`/proc/${entry}/cmdline`, 'utf8');
      const service = SERVICES.find((s) => command.includes(ENTRIES[s]));
      if (service) found[service] = Number(entry);
    } catch {
      // gone meanwhile
    }
  }
  return found as Record<Service, number | undefined>;
}
let seen: number[] = [];
const alive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

async function until<T>(what: string, probe: () => Promise<T | undefined>, seconds = 60): Promise<T> {
  for (
    const deadline = Date.now() + seconds * 1000;
    Date.now() < deadline;
    await new Promise((r) => setTimeout(r, 100))
  ) {
    const value = await probe().catch(() => undefined);
    if (value !== undefined) return value;
  }
  throw new Error(`timed out waiting for ${what}; launcher output:\n${output}`);
}

afterEach(() => {
  // Whatever happened, leave no process behind.
  for (const pid of [...seen, ...Object.values(children())]) if (pid && alive(pid)) process.kill(pid, 'SIGKILL');
  if (launcher?.exitCode === null) launcher.kill('SIGKILL');
});

it('restarts a killed subgraph with the others answering meanwhile, and stops all only on SIGTERM', async () => {
  const [gatewayPort, organizationPort, contactPort, credentialPort] = await Promise.all([
    freePort(),
    freePort(),
    freePort(),
    freePort(),
  ]);
  const url = (port: number) => `http://127.0.0.1:${port}/graphql`;
  const dir = mkdtempSync(join(tmpdir(), 'launcher-'));
  const env = {
    ...process.env,
    HOST: '127.0.0.1',
    DATA_DIR: join(dir, 'data'),
    DEMO_DATA: 'true',
    PASSWORD_HASH_COST: String(TEST_HASH_COST),
    PORT: String(gatewayPort),
    ORGANIZATION_PORT: String(organizationPort),
    CONTACT_PORT: String(contactPort),
    CREDENTIAL_PORT: String(credentialPort),
    ORGANIZATION_URL: url(organizationPort),
    CONTACT_URL: url(contactPort),
    CREDENTIAL_URL: url(credentialPort),
    JWKS_URL: `http://127.0.0.1:${credentialPort}/.well-known/jwks.json`,
  };
  delete (env as NodeJS.ProcessEnv).DATABASE_URL;
  // Its own working directory, so no `.env` of the repository is read.
  launcher = spawn(process.execPath, [resolve(__dirname, '../tools/dist/start-all.js')], {
    env,
    cwd: dir,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  launcher.stdout!.on('data', (chunk) => (output += chunk));
  launcher.stderr!.on('data', (chunk) => (output += chunk));
  const exited = new Promise<number | null>((done) => launcher!.once('exit', (code) => done(code)));
  await until(
    'the gateway',
    async () => ((await fetch(`http://127.0.0.1:${gatewayPort}/health`)).ok ? true : undefined),
    90,
  );

  const post = async (query: string, variables: object = {}, token?: string) => {
    const response = await fetch(url(gatewayPort), {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
      body: JSON.stringify({ query, variables }),
    });
    return (await response.json()) as { data?: any; errors?: { message: string; path?: unknown[] }[] };
  };
  // The gateway answers /health before every subgraph behind it does (they start side by side):
  // the first sign-in is the one that finds them all up, as a person trying again would.
  let lastAnswer: unknown;
  const token = await until('a staff sign-in', async () => {
    const signIn = await post(
      'mutation ($u: String!, $p: String!) { login(userName: $u, password: $p) { accessToken } }',
      { u: 'staff@demo.example', p: 'demo-staff-password' },
    );
    lastAnswer = signIn;
    return signIn.data?.login?.accessToken as string | undefined;
  }).catch((error: Error) => {
    throw new Error(`${error.message}\nlast answer: ${JSON.stringify(lastAnswer)}`);
  });
  const whole = await post(QUERY, {}, token);
  expect(whole.errors).toBeUndefined();
  expect(whole.data.organization.contacts.items).toHaveLength(3);

  const before = children();
  seen = Object.values(before) as number[];
  expect(seen.filter(Boolean)).toHaveLength(4);
  process.kill(before.contact!, 'SIGKILL');

  // Meanwhile: the organization subgraph still answers its part; the contacts are an error (and,
  // the page being non-null, take their organization with them).
  const partial = await until('a partial answer', async () => {
    const answer = await post(QUERY, {}, token);
    return answer.errors ? answer : undefined;
  });
  expect(partial.data).toEqual({ organizations: whole.data.organizations, organization: null });
  expect(whole.data.organizations.items).toEqual([{ code: '42061', name: whole.data.organization.name }]);

  // Then the whole answer again, with nobody restarting anything by hand.
  const again = await until('the whole answer', async () => {
    const answer = await post(QUERY, {}, token);
    return answer.errors ? undefined : answer;
  });
  expect(again).toEqual(whole);
  // A new contact process; the same organization, credential and gateway processes as before.
  const after = children();
  seen.push(after.contact!);
  expect(after.contact).not.toBe(before.contact);
  expect({ ...after, contact: 0 }).toEqual({ ...before, contact: 0 });
  expect(output).toMatch(/contact exited \(signal SIGKILL\); restarting it in 1\.0 s/);

  // Only a signal to the launcher stops everything, and that exits 0.
  launcher.kill('SIGTERM');
  expect(await exited).toBe(0);
  expect(seen.some(alive)).toBe(false);
}, 180_000);
