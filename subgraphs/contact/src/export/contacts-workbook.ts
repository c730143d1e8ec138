import type { Writable } from 'node:stream';
import ExcelJS from 'exceljs';
import { In, type DataSource } from 'typeorm';
import { CONTACT_TYPE_LABELS, type ContactType } from '@ecg/policy';
import { ContactTypeAssignment } from '../contact/contact-type-assignment.entity';
import type { Contact } from '../contact/contact.entity';
import { contactsQuery, type ContactFilter } from '../contact/contact.search';
import { afterRow, EXPORT_COLUMNS } from './keyset';

const BATCH = 500;
const STATUS_LABEL = { ACTIVE: 'Active', INACTIVE: 'Inactive' } as const;

/**
 * "Export To Excel": the Contacts panel's columns for the whole filtered list, written as an
 * .xlsx stream, a batch of rows at a time, so a 10,000-contact export never sits in memory.
 * Each batch seeks past the last row written (keyset on the sort column and id, the index's own
 * order) instead of skipping an OFFSET: every row is read once, so the cost grows linearly.
 */
export async function writeContactsWorkbook(
  dataSource: DataSource,
  organizationId: string,
  filter: ContactFilter,
  out: Writable,
): Promise<number> {
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useStyles: true, useSharedStrings: false });
  const sheet = workbook.addWorksheet('Contacts');
  sheet.columns = [
    { header: 'Full Name', key: 'fullName', width: 30 },
    { header: 'Status', key: 'status', width: 10 },
    { header: 'Email Address', key: 'email', width: 34 },
    { header: 'Contact Type', key: 'types', width: 60 },
    { header: 'Primary Phone Number', key: 'phone', width: 22 },
  ];
  sheet.getRow(1).font = { bold: true };
  sheet.getRow(1).commit();
  let written = 0;
  for (let last: Contact | undefined; ;) {
    const query = contactsQuery(dataSource, organizationId, filter).select(EXPORT_COLUMNS.map((c) => `c.${c}`));
    if (last) afterRow(query, filter.sort, last);
    const contacts = await query.take(BATCH).getMany();
    if (contacts.length === 0) break;
    const assignments = await dataSource
      .getRepository(ContactTypeAssignment)
      .find({ where: { contactId: In(contacts.map((c) => c.id)) }, order: { contactType: 'ASC' } });
    const types = new Map<string, ContactType[]>();
    for (const a of assignments) types.set(a.contactId, [...(types.get(a.contactId) ?? []), a.contactType]);
    for (const contact of contacts) {
      sheet
        .addRow({
          fullName: contact.fullName,
          status: STATUS_LABEL[contact.status],
          email: contact.primaryEmail ?? '',
          types: (types.get(contact.id) ?? []).map((t) => CONTACT_TYPE_LABELS[t]).join(', '),
          phone: contact.primaryPhoneNumber ?? '',
        })
        .commit();
    }
    written += contacts.length;
    last = contacts[contacts.length - 1];
    if (contacts.length < BATCH) break;
  }
  sheet.commit();
  await workbook.commit();
  return written;
}
