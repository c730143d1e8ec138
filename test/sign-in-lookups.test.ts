import { randomUUID } from 'node:crypto';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ContactType } from '@ecg/policy';
import { startFederation, type Federation } from './support/federation';
import { contactInput, createContact, giveLogin, PASSWORD } from './support/people';
import { startSmtp } from './support/smtp';

// What the sign-in asks of other subgraphs. A failed attempt is counted
// whether or not the contact subgraph answers (the lockout mail's names are looked up after the
// count is committed), and the lookups carry the caller's request id.
const LOG_FILE = join(mkdtempSync(join(tmpdir(), 'ecg-lookups-')), 'all.log');
let federation: Federation;
let smtp: Awaited<ReturnType<typeof startSmtp>>;
let staff: string;
const INTERNET = { 'x-forwarded-for': '203.0.113.77' };
const LOGIN = 'mutation ($u: String!, $p: String!) { login(userName: $u, password: $p) { accessToken } }';

beforeAll(async () => {
  smtp = await startSmtp();
  federation = await startFederation('lookups', {
    SMTP_URL: smtp.url(),
    MAIL_POLL_MILLISECONDS: '100',
    INTERNAL_NETWORKS: '10.0.0.0/8',
    LOG_LEVEL: 'info',
    LOG_DESTINATION: LOG_FILE,
  });
  staff = await federation.staffToken();
});
afterAll(async () => {
  await federation?.stop();
  await smtp?.stop();
});

const panel = async (id: string) =>
  (
    await federation.query(
      `query ($id: ID!) { contact(id: $id) { selfService { status unsuccessfulAttemptsSinceLastSuccess totalUnsuccessfulAttempts } } }`,
      { id },
      { token: staff },
    )
  ).data.contact.selfService;

it('counts every failed attempt and locks while the contact subgraph is down; the lockout mail still goes', async () => {
  const email = 'lookup.down@county.xorg';
  const id = await createContact(federation, '42061', contactInput('Lookup', 'Down', email, [ContactType.READ_ONLY]));
  await giveLogin(federation, id, '42061', email);

  await federation.stopSubgraph('contact');
  try {
    // The third failure over the internet locks: it must be counted although the lockout mail
    // cannot name the organization's administrators now.
    for (let i = 0; i < 3; i++) {
      const wrong = await federation.query(LOGIN, { u: email, p: `not the password ${i}` }, { headers: INTERNET });
      expect(wrong.errors?.[0].extensions?.code).toBe('UNAUTHENTICATED');
    }
    // Locked: the right password answers like a wrong one.
    const right = await federation.query(LOGIN, { u: email, p: PASSWORD }, { headers: INTERNET });
    expect(right.errors?.[0].extensions?.code).toBe('UNAUTHENTICATED');
    expect(right.data?.login ?? null).toBeNull();
  } finally {
    await federation.startSubgraph('contact');
  }

  expect(await panel(id)).toEqual({
    status: 'LOCKED',
    unsuccessfulAttemptsSinceLastSuccess: 3,
    totalUnsuccessfulAttempts: 3,
  });
  // One mail for the lock, without the names the directory could not give.
  const [mail] = await smtp.waitFor(email);
  expect(mail.subject).toBe('your organization: your self-service login is locked');
  expect(mail.text).toContain('/self-service/forgot-password');
});

it('names the organization and whom to ask in the lockout mail when the contact subgraph answers', async () => {
  const email = 'lookup.up@county.xorg';
  const id = await createContact(federation, '42061', contactInput('Lookup', 'Up', email, [ContactType.READ_ONLY]));
  await giveLogin(federation, id, '42061', email);
  for (let i = 0; i < 3; i++) await federation.query(LOGIN, { u: email, p: `wrong ${i}` }, { headers: INTERNET });
  expect((await panel(id)).status).toBe('LOCKED');
  const [mail] = await smtp.waitFor(email);
  expect(mail.subject).toMatch(/^42061-.+: your self-service login is locked$/);
  expect(mail.text).toContain('Hello Lookup Up,');
  expect(mail.text).toMatch(/Or ask an administrator of 42061-.+ to unlock it: [A-Z][a-z]+ [A-Z]/);
  expect(await smtp.waitFor(email, 2, 1500)).toHaveLength(1);
});

it("forwards the caller's request id on the credential subgraph's calls to the other subgraphs", async () => {
  const email = 'lookup.trace@county.xorg';
  const id = await createContact(federation, '42061', contactInput('Lookup', 'Trace', email, [ContactType.READ_ONLY]));
  await giveLogin(federation, id, '42061', email);
  const requestId = `trace-${randomUUID()}`;
  const signedIn = await federation.query(LOGIN, { u: email, p: PASSWORD }, { headers: { 'x-request-id': requestId } });
  expect(signedIn.data.login.accessToken).toEqual(expect.any(String));

  // The sign-in asked the contact subgraph for the contact and the organization subgraph for its
  // policy: their operation lines carry the gateway's request id.
  const lines = readFileSync(LOG_FILE, 'utf8')
    .split('\n')
    .filter((raw) => raw.includes(requestId))
    .map((raw) => JSON.parse(raw) as { name: string; msg: string; operation?: string });
  const operations = lines.filter((l) => l.msg === 'operation').map((l) => `${l.name} ${l.operation}`);
  expect(operations).toEqual(
    expect.arrayContaining([
      'gateway null',
      'credential null',
      'contact ContactFacts',
      'organization OrganizationFacts',
    ]),
  );
});
