import { createServer as createCredentialServer, entities, loadCredentialConfig, migrations } from '@ecg/credential';
import { ContactType } from '@ecg/policy';
import { dropDatabase, openDatabase, type RunningServer } from '@ecg/infrastructure';
import { startReplicatedFederation, type ReplicatedFederation } from '@ecg/tools';
import { uniqueDatabaseUrl } from './support/database';
import { federationClient, TEST_HASH_COST, TEST_STAFF, type Federation } from './support/federation';
import { createContact, contactInput, giveLogin } from './support/people';
import { REGISTER, REQUEST_RESET, selfServiceFlows, type Smtp } from './support/self-service-flows';
import { startSmtp } from './support/smtp';

// Two replicas of each subgraph behind a round-robin proxy (a load balancer in
// production) and two gateways, all on one MariaDB database per subgraph. What the replicas share
// must be decided in the database: counters, locks, the outbox, the signing key.
let replicated: ReplicatedFederation;
let federation: Federation;
let smtp: Smtp;
let flows: ReturnType<typeof selfServiceFlows>;

const ENV = {
  STAFF_EMAIL: TEST_STAFF.email,
  STAFF_PASSWORD: TEST_STAFF.password,
  LOG_LEVEL: process.env.LOG_LEVEL ?? 'silent',
  LOG_DESTINATION: process.env.LOG_DESTINATION,
  DEMO_DATA: 'true',
  // Tests sign in far more often than people do; the per-name limit is kept (above the lockout
  // test's 32 sign-ins in a minute) to show the replicas share it.
  LOGIN_LIMIT_PER_ADDRESS: '100000',
  LOGIN_LIMIT_PER_USER: '35',
  MAIL_POLL_MILLISECONDS: '100',
  MAIL_RETRY_MAX_SECONDS: '1',
  INTERNAL_NETWORKS: '10.0.0.0/8',
  PASSWORD_HASH_COST: String(TEST_HASH_COST),
};

/** The test's Federation over both gateways: each request goes to the next gateway in turn. */
function overBothGateways(running: ReplicatedFederation): Federation {
  let next = 0;
  const client = federationClient(() => running.gatewayUrls[next++ % running.gatewayUrls.length]);
  const first = {
    organization: running.replicas.organization[0],
    contact: running.replicas.contact[0],
    credential: running.replicas.credential[0],
  };
  return {
    gatewayUrl: running.gatewayUrls[0],
    subgraphs: first,
    passwordHashCost: TEST_HASH_COST,
    ...client,
    stopSubgraph: () => Promise.reject(new Error('not with replicas')),
    startSubgraph: () => Promise.reject(new Error('not with replicas')),
    stop: () => running.stop({ dropDatabases: true }),
  };
}

const credentialDb = () => replicated.replicas.credential[0].dataSource;
/** Wait long enough for both dispatchers to have polled many times after the last expected mail. */
const settle = () => new Promise((r) => setTimeout(r, 1500));
const mailsTo = (email: string, subject: RegExp) =>
  smtp.received.filter((m) => m.to.toLowerCase() === email.toLowerCase() && subject.test(m.subject));

describe('two replicas of each subgraph, two gateways, one database per subgraph', () => {
  beforeAll(async () => {
    smtp = await startSmtp();
    replicated = await startReplicatedFederation(
      { ...ENV, DATABASE_URL: uniqueDatabaseUrl('replicas'), SMTP_URL: smtp.url() },
      { replicas: 2, gateways: 2 },
    );
    federation = overBothGateways(replicated);
    flows = selfServiceFlows(federation, smtp);
  }, 120_000);
  afterAll(async () => {
    await federation?.stop();
    await smtp?.stop();
  });

  it("the two credential replicas, started together on an empty database, created one signing key and each accepts the other's tokens", async () => {
    const [a, b] = replicated.replicas.credential;
    expect(await credentialDb().query('SELECT kid FROM signing_key')).toHaveLength(1);
    const jwks = await Promise.all(
      [a, b].map(async (r) => (await fetch(new URL('/.well-known/jwks.json', r.url))).json()),
    );
    expect(jwks[0].keys).toHaveLength(1);
    expect(jwks[1]).toEqual(jwks[0]);

    // A token signed by one replica verifies on the other, and on every replica of the other subgraphs.
    const signIn = 'mutation ($u: String!, $p: String!) { login(userName: $u, password: $p) { accessToken } }';
    for (const [signer, checker] of [
      [a, b],
      [b, a],
    ]) {
      const signed = await federation.query(
        signIn,
        { u: TEST_STAFF.email, p: TEST_STAFF.password },
        { url: signer.url },
      );
      const token = signed.data.login.accessToken;
      const me = await federation.query('{ me { kind } }', {}, { url: checker.url, token });
      expect(me.errors).toBeUndefined();
      expect(me.data.me.kind).toBe('STAFF');
      for (const replica of replicated.replicas.organization) {
        const answer = await federation.query(
          '{ organization(code: "42061") { code } }',
          {},
          { url: replica.url, token },
        );
        expect(answer).toEqual({ data: { organization: { code: '42061' } } });
      }
    }
  });

  it('30 concurrent wrong passwords through both gateways, over both credential replicas, count 30 and lock once with one mail', async () => {
    const person = await flows.enrolled('replica.lockout@county.xorg');
    const before = replicated.proxies.credential.posts();
    const answers = await Promise.all(
      Array.from({ length: 30 }, (_, i) => flows.login(person.email, `wrong guess ${i}`, `203.0.113.${10 + i}`)),
    );
    // Every attempt was refused alike, and both replicas did some of the counting.
    expect(answers.map((a) => a.errors?.[0].extensions?.code)).toEqual(Array(30).fill('UNAUTHENTICATED'));
    const after = replicated.proxies.credential.posts();
    const served = replicated.replicas.credential.map(
      (r) => (after[new URL(r.url).origin] ?? 0) - (before[new URL(r.url).origin] ?? 0),
    );
    for (const count of served) expect(count).toBeGreaterThanOrEqual(10);

    const { selfService } = await flows.panel(person.id);
    expect(selfService).toMatchObject({
      status: 'LOCKED',
      totalUnsuccessfulAttempts: 30,
      unsuccessfulAttemptsSinceLastSuccess: 30,
      lastAuthenticationFailure: 'PASSWORD',
    });
    const events = await credentialDb().query(
      "SELECT type, COUNT(*) AS n FROM security_event WHERE contactId = ? AND type IN ('LOGIN_FAILED', 'LOCKED') GROUP BY type ORDER BY type",
      [person.id],
    );
    expect(events.map((e: { type: string; n: string | number }) => [e.type, Number(e.n)])).toEqual([
      ['LOCKED', 1],
      ['LOGIN_FAILED', 30],
    ]);
    await flows.nextMail(person.email, /is locked/);
    await settle();
    expect(mailsTo(person.email, /is locked/)).toHaveLength(1);
  }, 90_000);

  it('the per-name sign-in limit holds across both credential replicas: 45 attempts at once, 35 checked, 10 refused', async () => {
    // The limit counts over a sliding minute: a burst of a few seconds falls in one window wherever
    // in the clock's minute it starts (the window's edges have a test of their own, on an injected
    // clock: rate-limit-window.test.ts).
    const answers = await Promise.all(
      Array.from({ length: 45 }, (_, i) =>
        flows.login('replica.nobody@county.xorg', `guess ${i}`, `203.0.113.${100 + i}`),
      ),
    );
    const counts: Record<string, number> = {};
    for (const answer of answers) {
      const code = answer.errors?.[0].extensions?.code ?? 'ANSWERED';
      counts[code] = (counts[code] ?? 0) + 1;
    }
    expect(counts).toEqual({ UNAUTHENTICATED: 35, RATE_LIMITED: 10 });
  }, 90_000);

  it('the outbox mails each of 20 registrations through both gateways exactly once with two dispatchers, also when they all fall due at once', async () => {
    const emails = Array.from({ length: 20 }, (_, i) => `replica.register.${i}@county.xorg`);
    const ids: string[] = [];
    // A few at a time: registration calls the other subgraphs, and this machine is small.
    for (let i = 0; i < emails.length; i += 4) {
      ids.push(
        ...(await Promise.all(
          emails
            .slice(i, i + 4)
            .map((email, j) =>
              createContact(
                federation,
                '42061',
                contactInput('Replica', `Register ${i + j}`, email, [ContactType.READ_ONLY]),
              ),
            ),
        )),
      );
    }
    // The second half while the mail server is down: those wait in the outbox, and both
    // dispatchers find all of them due at the same moment once it is back.
    for (let i = 0; i < ids.length; i += 4) {
      if (i === 12) await smtp.down();
      const registered = await Promise.all(ids.slice(i, i + 4).map((id) => flows.asStaff(REGISTER, { id })));
      expect(registered.filter((r) => r.errors)).toEqual([]);
    }
    await new Promise((r) => setTimeout(r, 500));
    await smtp.up();
    for (const email of emails) await flows.nextMail(email, /registration/);
    await settle();
    expect(emails.map((email) => mailsTo(email, /registration/).length)).toEqual(Array(20).fill(1));
    const [{ unsent }] = await credentialDb().query('SELECT COUNT(*) AS unsent FROM outbox WHERE sentAt IS NULL');
    expect(Number(unsent)).toBe(0);
  }, 90_000);

  it('the password-reset queue mails one link per request with two replicas', async () => {
    const emails = Array.from({ length: 10 }, (_, i) => `replica.reset.${i}@county.xorg`);
    await Promise.all(
      emails.map(async (email, i) =>
        giveLogin(
          federation,
          await createContact(
            federation,
            '42061',
            contactInput('Replica', `Reset ${i}`, email, [ContactType.READ_ONLY]),
          ),
          '42061',
          email,
        ),
      ),
    );
    // Each name once, the first name twice more: one mail per request, whichever replica took it.
    const requests = [...emails, emails[0], emails[0]];
    const asked = await Promise.all(
      requests.map((u, i) =>
        federation.query(REQUEST_RESET, { u }, { headers: { 'x-forwarded-for': `198.51.100.${i + 1}` } }),
      ),
    );
    expect(asked.filter((a) => a.errors)).toEqual([]);
    await flows.nextMail(emails[0], /reset your/, 2);
    for (const email of emails.slice(1)) await flows.nextMail(email, /reset your/);
    await settle();
    expect(emails.map((email) => mailsTo(email, /reset your/).length)).toEqual([3, ...Array(9).fill(1)]);
    const [{ queued }] = await credentialDb().query('SELECT COUNT(*) AS queued FROM password_reset_request');
    expect(Number(queued)).toBe(0);
  });
});

describe('credential replicas starting together on an empty database', () => {
  // Fresh: no tables yet (the replicas migrate it together). Migrated: a deploy job made the
  // tables, so both replicas reach the signing key at once.
  it.each(['fresh', 'migrated'])(
    'two replicas on a %s empty database create one signing key, round after round',
    async (start) => {
      for (let round = 0; round < 3; round++) {
        // No demo rows and no staff to create: the signing key is all the two replicas must agree on.
        const env = {
          LOG_LEVEL: ENV.LOG_LEVEL,
          LOG_DESTINATION: ENV.LOG_DESTINATION,
          DEMO_DATA: 'false',
          DATABASE_URL: uniqueDatabaseUrl('replkeys'),
          HOST: '127.0.0.1',
        };
        const config = { ...loadCredentialConfig(env), port: 0 };
        if (start === 'migrated') await (await openDatabase(config.database, { entities, migrations })).destroy();
        const started = await Promise.allSettled([createCredentialServer(config), createCredentialServer(config)]);
        const running = started.flatMap((s) => (s.status === 'fulfilled' ? [s.value] : []));
        try {
          expect(
            started.filter((s): s is PromiseRejectedResult => s.status === 'rejected').map((s) => String(s.reason)),
          ).toEqual([]);
          expect(await running[0].dataSource.query('SELECT kid FROM signing_key')).toHaveLength(1);
          const jwks = await Promise.all(
            running.map(async (r: RunningServer) => (await fetch(new URL('/.well-known/jwks.json', r.url))).json()),
          );
          expect(jwks[1]).toEqual(jwks[0]);
        } finally {
          await Promise.all(running.map((r) => r.stop()));
          await dropDatabase(config.database);
        }
      }
    },
    60_000,
  );
});
