import { rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as contact from '@ecg/contact';
import * as credential from '@ecg/credential';
import * as organization from '@ecg/organization';
import { dropDatabase, openDatabase, type DatabaseConfig } from '@ecg/infrastructure';
import { uniqueDatabaseUrl } from './support/database';

// The committed migrations, run on an empty database, must leave nothing for TypeORM to change:
// the schema they create is exactly the one the entities describe.
const SUBGRAPHS = { organization, contact, credential };

async function pendingSchemaChanges(db: DatabaseConfig, subgraph: (typeof SUBGRAPHS)[keyof typeof SUBGRAPHS]) {
  const dataSource = await openDatabase(db, subgraph);
  try {
    expect(await dataSource.showMigrations()).toBe(false);
    const sql = await dataSource.driver.createSchemaBuilder().log();
    return sql.upQueries.map((q) => q.query);
  } finally {
    await dataSource.destroy();
  }
}

describe.each(Object.entries(SUBGRAPHS))('%s migrations', (name, subgraph) => {
  it('produce exactly the entities’ schema on MariaDB', async () => {
    const url = uniqueDatabaseUrl(`mig_${name.slice(0, 4)}`);
    const db: DatabaseConfig = { kind: 'mysql', url, database: new URL(url).pathname.slice(1) };
    try {
      expect(await pendingSchemaChanges(db, subgraph)).toEqual([]);
    } finally {
      await dropDatabase(db);
    }
  });

  it('produce exactly the entities’ schema on the embedded SQLite default', async () => {
    const file = join(tmpdir(), `ecg-${name}-${process.pid}.sqlite`);
    try {
      expect(await pendingSchemaChanges({ kind: 'sqlite', file }, subgraph)).toEqual([]);
    } finally {
      rmSync(file, { force: true });
    }
  });

  it('are recorded, so a second start runs none again', async () => {
    const file = join(tmpdir(), `ecg-${name}-again-${process.pid}.sqlite`);
    try {
      await (await openDatabase({ kind: 'sqlite', file }, subgraph)).destroy();
      const again = await openDatabase({ kind: 'sqlite', file }, subgraph);
      const ran = await again.query('SELECT name FROM migrations');
      await again.destroy();
      expect(ran.map((r: { name: string }) => r.name)).toEqual(subgraph.migrations.map((m) => new m().name));
    } finally {
      rmSync(file, { force: true });
    }
  });
});
