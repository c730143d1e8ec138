import { randomUUID } from 'node:crypto';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startFederation, type Federation } from './support/federation';

// At the default level (info) every service logs one line per GraphQL operation it runs: the
// operation, how long it took, ok or error with the codes, and the request id the gateway passes
// on; never the variables.
const LOG_FILE = join(mkdtempSync(join(tmpdir(), 'ecg-oplog-')), 'all.log');
let federation: Federation;

beforeAll(async () => {
  federation = await startFederation('oplog', { LOG_LEVEL: 'info', LOG_DESTINATION: LOG_FILE });
});
afterAll(() => federation?.stop());

interface LogLine {
  name: string;
  level: number;
  msg: string;
  requestId?: string;
  [field: string]: unknown;
}

function linesOf(requestId: string): { raw: string; line: LogLine }[] {
  return readFileSync(LOG_FILE, 'utf8')
    .split('\n')
    .filter((raw) => raw.includes(requestId))
    .map((raw) => ({ raw, line: JSON.parse(raw) as LogLine }));
}

// One fetch from each subgraph: the organization, its contacts (contact), their logins (credential).
const CONTACTS = `query OrganizationContacts($code: String!, $search: String) {
  organization(code: $code) { name contacts(pageSize: 3, search: $search) { items { fullName selfService { status } } } }
}`;
// Variable values no log line may contain.
const CODE = '42061';
const SEARCH = 'a';

it('logs one info line per service for an operation, with name, duration, outcome and request id, and no variables', async () => {
  const id = `oplog-${randomUUID()}`;
  const token = await federation.staffToken();
  const { data, errors } = await federation.query(
    CONTACTS,
    { code: CODE, search: SEARCH },
    { token, headers: { 'x-request-id': id } },
  );
  expect(errors).toBeUndefined();
  expect(data.organization.contacts.items.length).toBeGreaterThan(0);

  const lines = linesOf(id);
  expect(lines.map(({ line }) => line.name).sort()).toEqual(['contact', 'credential', 'gateway', 'organization']);
  for (const { raw, line } of lines) {
    expect(line).toMatchObject({ level: 30, msg: 'operation', requestId: id, outcome: 'ok', type: 'query' });
    expect(line.ms).toEqual(expect.any(Number));
    expect(line.errors).toBeUndefined();
    expect(line).not.toHaveProperty('variables');
    expect(raw).not.toContain(CODE);
    expect(raw).not.toContain(`"${SEARCH}"`);
  }
  // The gateway logs the client's operation; each subgraph the part the gateway asked of it.
  const byService = Object.fromEntries(lines.map(({ line }) => [line.name, line]));
  expect(byService.gateway.operation).toBe('OrganizationContacts');
  for (const subgraph of ['organization', 'contact', 'credential']) {
    expect(byService[subgraph].operation).toMatch(/^OrganizationContacts__/);
    expect(byService[subgraph].principal).toBe('staff');
  }
});

it('logs a refused operation as an error with its codes, once per service that ran it', async () => {
  const id = `oplog-${randomUUID()}`;
  const { errors } = await federation.query(CONTACTS, { code: CODE }, { headers: { 'x-request-id': id } });
  const codes = [...new Set(errors?.map((e) => e.extensions?.code))];
  expect(codes.length).toBeGreaterThan(0);

  const lines = linesOf(id).map(({ line }) => line);
  const services = lines.map((line) => line.name);
  expect(new Set(services).size).toBe(services.length);
  expect(services).toEqual(expect.arrayContaining(['gateway', 'organization']));
  for (const line of lines) {
    expect(line).toMatchObject({
      level: 30,
      msg: 'operation',
      requestId: id,
      operation: expect.stringMatching(/^OrganizationContacts/),
    });
    expect(line).not.toHaveProperty('variables');
  }
  const gateway = lines.find((line) => line.name === 'gateway');
  expect(gateway).toMatchObject({ outcome: 'error', errors: codes, operation: 'OrganizationContacts' });
  expect(lines.find((line) => line.name === 'organization')).toMatchObject({
    outcome: 'error',
    principal: 'anonymous',
  });
});
