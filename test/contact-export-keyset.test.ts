/**
 * @ecg-sources it imports modules of a subgraph by path (test/support/node-environment.js)
 */
import { randomUUID } from 'node:crypto';
import { rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import ExcelJS from 'exceljs';
import type { DataSource } from 'typeorm';
import * as contactSubgraph from '@ecg/contact';
import { dropDatabase, openDatabase, type DatabaseConfig } from '@ecg/infrastructure';
import { ContactSort, ContactStatus } from '../subgraphs/contact/src/contact/contact-enums';
import { contactsQuery } from '../subgraphs/contact/src/contact/contact.search';
import { writeContactsWorkbook } from '../subgraphs/contact/src/export/contacts-workbook';
import { uniqueDatabaseUrl } from './support/database';

// The export seeks past the last row of each 500-row batch instead of an OFFSET. Over
// several batches, with names equal but for case, emails missing (NULLs) and both statuses, every
// sort must give each contact exactly once, in the list's own order.
const CONTACTS = 1234;

async function load(dataSource: DataSource, organizationId: string) {
  const rows = Array.from({ length: CONTACTS }, (_, i) => {
    const first = ['Ann', 'ann', 'Bob', 'Zoë', 'carl'][i % 5];
    return {
      id: randomUUID(),
      organizationId,
      firstName: first,
      lastName: i % 7 === 0 ? 'Same' : `Last${i % 97}`,
      fullName: '',
      primaryEmail: i % 6 === 0 ? null : `c${i % 300}@x.example`,
      status: i % 4 === 0 ? 'INACTIVE' : 'ACTIVE',
    };
  });
  for (const row of rows) row.fullName = `${row.firstName} ${row.lastName}`;
  for (let start = 0; start < rows.length; start += 200) {
    const batch = rows.slice(start, start + 200);
    await dataSource.query(
      `INSERT INTO contact (id, organizationId, firstName, lastName, fullName, primaryEmail, status, version) VALUES ${batch.map(() => '(?, ?, ?, ?, ?, ?, ?, 1)').join(', ')}`,
      batch.flatMap((r) => [r.id, r.organizationId, r.firstName, r.lastName, r.fullName, r.primaryEmail, r.status]),
    );
  }
}

async function exported(dataSource: DataSource, organizationId: string, sort: ContactSort, status?: ContactStatus) {
  const out = new PassThrough();
  const chunks: Buffer[] = [];
  out.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise((r) => out.on('end', r));
  await writeContactsWorkbook(dataSource, organizationId, { sort, status: status ?? null, search: null }, out);
  await done;
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(Buffer.concat(chunks) as never);
  return workbook
    .getWorksheet('Contacts')!
    .getSheetValues()
    .filter(Boolean)
    .slice(1)
    .map((r) => [(r as unknown[])[1], (r as unknown[])[3] ?? '']);
}

async function checkEverySort(dataSource: DataSource) {
  const organizationId = randomUUID();
  await load(dataSource, organizationId);
  for (const sort of Object.values(ContactSort)) {
    for (const status of [undefined, ContactStatus.ACTIVE]) {
      // The list's order, read at once: what the export must reproduce batch by batch.
      const all = await contactsQuery(dataSource, organizationId, {
        sort,
        status: status ?? null,
        search: null,
      }).getMany();
      expect(all.length).toBeGreaterThan(500);
      expect({ sort, status, rows: await exported(dataSource, organizationId, sort, status) }).toEqual({
        sort,
        status,
        rows: all.map((c) => [c.fullName, c.primaryEmail ?? '']),
      });
    }
  }
}

it('exports every contact once, in order, across batches on MariaDB', async () => {
  const url = uniqueDatabaseUrl('exportkeyset');
  const db: DatabaseConfig = { kind: 'mysql', url, database: new URL(url).pathname.slice(1) };
  const dataSource = await openDatabase(db, contactSubgraph);
  try {
    await checkEverySort(dataSource);
  } finally {
    await dataSource.destroy();
    await dropDatabase(db);
  }
}, 120_000);

it('exports every contact once, in order, across batches on the embedded SQLite default', async () => {
  const file = join(tmpdir(), `ecg-exportkeyset-${process.pid}.sqlite`);
  const dataSource = await openDatabase({ kind: 'sqlite', file }, contactSubgraph);
  try {
    await checkEverySort(dataSource);
  } finally {
    await dataSource.destroy();
    for (const suffix of ['', '-wal', '-shm']) rmSync(`${file}${suffix}`, { force: true });
  }
}, 120_000);
