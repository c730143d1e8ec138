import type { Writable } from 'node:stream';
import { In, type DataSource } from 'typeorm';
import {
  CONTACT_FIELD_LABELS as LABEL,
  CONTACT_STATUS_LABELS,
  CONTACT_TYPE_LABELS,
  GENDER_LABELS,
  NOT_REGISTERED,
  SELF_SERVICE_STATUS_LABELS,
  type ContactType,
} from '@ecg/policy';
import { ContactTypeAssignment } from '../contact/contact-type-assignment.entity';
import type { Contact } from '../contact/contact.entity';
import { contactsQuery, type ContactFilter } from '../contact/contact.search';
import { afterRow, EXPORT_COLUMNS } from './keyset';

const BATCH = 500;

/** Each contact's self-service status (null: never registered); absent from the map: not known. */
export type SelfServiceStatuses = (contactIds: string[]) => Promise<Map<string, string | null>>;

type Row = { contact: Contact; types: ContactType[]; selfService: string };
const text = (key: keyof typeof LABEL & keyof Contact) => (r: Row) => r.contact[key] ?? '';

/** The list's columns, the login's status, then every other field of Contact Details, in the form's order. */
const COLUMNS: { header: string; width: number; value: (r: Row) => string }[] = [
  { header: 'Full Name', width: 30, value: (r) => r.contact.fullName },
  { header: LABEL.status, width: 10, value: (r) => CONTACT_STATUS_LABELS[r.contact.status] ?? r.contact.status },
  { header: 'Email Address', width: 34, value: text('primaryEmail') },
  { header: 'Contact Type', width: 60, value: (r) => r.types.map((t) => CONTACT_TYPE_LABELS[t]).join(', ') },
  { header: 'Self Service Status', width: 22, value: (r) => r.selfService },
  { header: LABEL.firstName, width: 18, value: text('firstName') },
  { header: LABEL.middleName, width: 18, value: text('middleName') },
  { header: LABEL.lastName, width: 18, value: text('lastName') },
  { header: LABEL.namePrefix, width: 12, value: text('namePrefix') },
  { header: LABEL.nameSuffix, width: 12, value: text('nameSuffix') },
  { header: LABEL.gender, width: 14, value: (r) => (r.contact.gender ? GENDER_LABELS[r.contact.gender] : '') },
  { header: LABEL.primaryPhoneNumber, width: 22, value: text('primaryPhoneNumber') },
  { header: LABEL.primaryPhoneExtension, width: 12, value: text('primaryPhoneExtension') },
  { header: LABEL.secondaryPhoneNumber, width: 22, value: text('secondaryPhoneNumber') },
  { header: LABEL.mobilePhoneNumber, width: 22, value: text('mobilePhoneNumber') },
  { header: LABEL.temporaryEmailReviewBy, width: 16, value: text('temporaryEmailReviewBy') },
  { header: LABEL.secondaryEmail, width: 34, value: text('secondaryEmail') },
  { header: LABEL.jobTitle, width: 24, value: text('jobTitle') },
  { header: LABEL.directoryContact, width: 34, value: text('directoryContact') },
];
// The header row's span, for the filter: A1 to the last column.
const HEADER_SPAN = `A1:${String.fromCharCode(64 + COLUMNS.length)}1`;

/**
 * "Export To Excel": the whole filtered list, with every field the contact form shows, written as
 * an .xlsx stream, a batch of rows at a time, so a 10,000-contact export never sits in memory.
 * Each batch seeks past the last row written (keyset on the sort column and id, the index's own
 * order) instead of skipping an OFFSET: every row is read once, so the cost grows linearly. The
 * header row stays in view (frozen) and carries a filter.
 */
export async function writeContactsWorkbook(
  dataSource: DataSource,
  organizationId: string,
  filter: ContactFilter,
  out: Writable,
  selfServiceStatuses: SelfServiceStatuses = async () => new Map(),
): Promise<number> {
  // Loaded at the first export: the library takes about a quarter of a second to load, which
  // every start (and every test file) would pay for a feature few requests use.
  const { default: ExcelJS } = await import('exceljs');
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useStyles: true, useSharedStrings: false });
  const sheet = workbook.addWorksheet('Contacts', { views: [{ state: 'frozen', ySplit: 1 }] });
  sheet.columns = COLUMNS.map((c, i) => ({ header: c.header, key: String(i), width: c.width }));
  sheet.autoFilter = HEADER_SPAN;
  sheet.getRow(1).font = { bold: true };
  sheet.getRow(1).commit();
  let written = 0;
  for (let last: Contact | undefined; ;) {
    const query = contactsQuery(dataSource, organizationId, filter).select(EXPORT_COLUMNS.map((c) => `c.${c}`));
    if (last) afterRow(query, filter.sort, last);
    const contacts = await query.take(BATCH).getMany();
    if (contacts.length === 0) break;
    const ids = contacts.map((c) => c.id);
    const [assignments, statuses] = await Promise.all([
      dataSource
        .getRepository(ContactTypeAssignment)
        .find({ where: { contactId: In(ids) }, order: { contactType: 'ASC' } }),
      selfServiceStatuses(ids),
    ]);
    const types = new Map<string, ContactType[]>();
    for (const a of assignments) types.set(a.contactId, [...(types.get(a.contactId) ?? []), a.contactType]);
    for (const contact of contacts) {
      const status = statuses.get(contact.id);
      const row: Row = {
        contact,
        types: types.get(contact.id) ?? [],
        // Unknown (not asked) stays empty rather than claim "Not registered".
        selfService: status === undefined ? '' : status === null ? NOT_REGISTERED : SELF_SERVICE_STATUS_LABELS[status],
      };
      sheet.addRow(Object.fromEntries(COLUMNS.map((c, i) => [String(i), c.value(row)]))).commit();
    }
    written += contacts.length;
    last = contacts[contacts.length - 1];
    if (contacts.length < BATCH) break;
  }
  sheet.commit();
  await workbook.commit();
  return written;
}
