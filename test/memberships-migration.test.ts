/**
 * @ecg-sources it imports modules of a subgraph by path (test/support/node-environment.js)
 */
import { randomUUID } from 'node:crypto';
import * as credential from '@ecg/credential';
import { dropDatabase, openDatabase, type DatabaseConfig } from '@ecg/infrastructure';
import { accountForSignIn } from '../subgraphs/credential/src/person/account-for-sign-in';
import { loginForLinking, membershipsOf } from '../subgraphs/credential/src/person/login-rows';
import { uniqueDatabaseUrl } from './support/database';

// The data before logins belonged to people (one login per contact, or one per organization
// for one email) migrates to logins with memberships on MariaDB, losing no login in any state.
// The schema as it was just before the memberships migration (later migrations come after it).
const membershipsAt = credential.migrations.findIndex((m) => m.name === 'PersonMemberships1764000000000');
if (membershipsAt < 0) throw new Error('the memberships migration is not in the credential subgraph');
const before = credential.migrations.slice(0, membershipsAt);
const ORG_A = randomUUID();
const ORG_B = randomUUID();
const PASSWORD_A = 'the password chosen in A';
const PASSWORD_B = 'another password chosen in B';

interface Fixture {
  userName: string;
  organizationId: string;
  status: string;
  password: string | null;
  temporary?: string;
  lastSuccessfulLogin?: Date;
}
const FIXTURES: Record<string, Fixture> = {
  registered: {
    userName: 'registered@test.example',
    organizationId: ORG_A,
    status: 'REGISTERED',
    password: 'registered person password',
    lastSuccessfulLogin: new Date('2026-01-02T00:00:00Z'),
  },
  pending: {
    userName: 'pending@test.example',
    organizationId: ORG_A,
    status: 'REGISTRATION_PENDING',
    password: null,
    temporary: 'TemporaryPass23',
  },
  locked: {
    userName: 'locked@test.example',
    organizationId: ORG_B,
    status: 'LOCKED',
    password: 'locked person password',
  },
  disabled: {
    userName: 'disabled@test.example',
    organizationId: ORG_B,
    status: 'DISABLED',
    password: 'disabled person password',
  },
  // Before memberships, one email could have a login in each organization, each with its own password.
  twiceInA: {
    userName: 'twice@test.example',
    organizationId: ORG_A,
    status: 'REGISTERED',
    password: PASSWORD_A,
    lastSuccessfulLogin: new Date('2026-03-01T00:00:00Z'),
  },
  twiceInB: {
    userName: 'twice@test.example',
    organizationId: ORG_B,
    status: 'REGISTERED',
    password: PASSWORD_B,
    lastSuccessfulLogin: new Date('2026-02-01T00:00:00Z'),
  },
};

let db: DatabaseConfig;
const essIds: Record<string, number> = {};
const contactIds: Record<string, string> = {};
beforeAll(async () => {
  const url = uniqueDatabaseUrl('mig_members');
  db = { kind: 'mysql', url, database: new URL(url).pathname.slice(1) };
  const old = await openDatabase(db, { ...credential, migrations: before });
  try {
    for (const [key, f] of Object.entries(FIXTURES)) {
      contactIds[key] = randomUUID();
      const result = await old.query(
        'INSERT INTO self_service_account (contactId, organizationId, userName, status, enrollmentCompleted, temporaryPasswordSet, lastSuccessfulLogin, unsuccessfulAttemptsSinceLastSuccess, version) VALUES (?, ?, ?, ?, ?, ?, ?, ?, 1)',
        [
          contactIds[key],
          f.organizationId,
          f.userName,
          f.status,
          f.password ? 1 : 0,
          f.temporary ? 1 : 0,
          f.lastSuccessfulLogin ?? null,
          f.status === 'LOCKED' ? 3 : 0,
        ],
      );
      essIds[key] = result.insertId;
      await old.query('INSERT INTO account_secret (essId, passwordHash, temporaryPasswordHash) VALUES (?, ?, ?)', [
        result.insertId,
        f.password && (await credential.hashPassword(f.password)),
        f.temporary && (await credential.hashPassword(f.temporary)),
      ]);
      await old.query(
        "INSERT INTO account_token (id, tokenHash, essId, purpose, expiresAt) VALUES (?, ?, ?, 'UNLOCK', ?)",
        [
          randomUUID(),
          randomUUID().replaceAll('-', '').padEnd(64, '0'),
          result.insertId,
          new Date(Date.now() + 3600_000),
        ],
      );
      await old.query(
        "INSERT INTO refresh_token (id, tokenHash, principalKind, principalId, familyId, expiresAt) VALUES (?, ?, 'contact', ?, ?, ?)",
        [
          randomUUID(),
          randomUUID().replaceAll('-', '').padEnd(64, '1'),
          contactIds[key],
          randomUUID(),
          new Date(Date.now() + 3600_000),
        ],
      );
    }
  } finally {
    await old.destroy();
  }
}, 60_000);
afterAll(async () => {
  if (db) await dropDatabase(db);
});

describe('the person-memberships migration on MariaDB', () => {
  it('keeps every login, in every state, as a login with its own contact as its one membership', async () => {
    const migrated = await openDatabase(db, credential);
    try {
      const rows: {
        essId: number;
        contactId: string;
        status: string;
        loginEssId: number | null;
        linkConfirmedAt: Date | null;
      }[] = await migrated.query(
        'SELECT essId, contactId, status, loginEssId, linkConfirmedAt FROM self_service_account ORDER BY essId',
      );
      expect(rows).toHaveLength(Object.keys(FIXTURES).length);
      for (const [key, f] of Object.entries(FIXTURES)) {
        const row = rows.find((r) => r.essId === essIds[key])!;
        expect([key, row.contactId, row.status, row.loginEssId]).toEqual([key, contactIds[key], f.status, null]);
        expect((await membershipsOf(migrated.manager, row.essId)).map((m) => m.contactId)).toEqual([contactIds[key]]);
      }
      // Secrets, links and sessions are untouched.
      expect(Number((await migrated.query('SELECT COUNT(*) AS n FROM account_secret'))[0].n)).toBe(rows.length);
      expect(Number((await migrated.query('SELECT COUNT(*) AS n FROM account_token WHERE usedAt IS NULL'))[0].n)).toBe(
        rows.length,
      );
      expect(
        Number((await migrated.query('SELECT COUNT(*) AS n FROM refresh_token WHERE revokedAt IS NULL'))[0].n),
      ).toBe(rows.length);
    } finally {
      await migrated.destroy();
    }
  });

  it('signs each person in with the password they had, and keeps the two logins of one email apart', async () => {
    const migrated = await openDatabase(db, credential);
    try {
      for (const key of ['registered', 'locked', 'disabled'] as const) {
        expect((await accountForSignIn(migrated.manager, FIXTURES[key].userName, FIXTURES[key].password!))?.essId).toBe(
          essIds[key],
        );
      }
      expect((await accountForSignIn(migrated.manager, 'pending@test.example', 'TemporaryPass23'))?.essId).toBe(
        essIds.pending,
      );
      // Each password still opens its own login: merging would have ended one of them.
      expect((await accountForSignIn(migrated.manager, 'twice@test.example', PASSWORD_A))?.essId).toBe(essIds.twiceInA);
      expect((await accountForSignIn(migrated.manager, 'twice@test.example', PASSWORD_B))?.essId).toBe(essIds.twiceInB);
      // The one used last is the login new registrations of that email link to, and holds the name's claim.
      const claims: { essId: number; loginUserName: string | null }[] = await migrated.query(
        "SELECT essId, loginUserName FROM self_service_account WHERE userName = 'twice@test.example' ORDER BY essId",
      );
      expect(claims).toEqual([
        { essId: essIds.twiceInA, loginUserName: 'twice@test.example' },
        { essId: essIds.twiceInB, loginUserName: null },
      ]);
      // A person who chose a password is what a new registration links to; one still pending is not.
      expect((await loginForLinking(migrated.manager, 'registered@test.example'))?.essId).toBe(essIds.registered);
      expect((await loginForLinking(migrated.manager, 'twice@test.example'))?.essId).toBe(essIds.twiceInA);
      expect(await loginForLinking(migrated.manager, 'pending@test.example')).toBeNull();
    } finally {
      await migrated.destroy();
    }
  });
});
