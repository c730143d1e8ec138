import { parse } from 'csv-parse/sync';
import { z } from 'zod';
import { In, type DataSource } from 'typeorm';
import type { Principal } from '@ecg/policy';
import { badUserInput, withRetry } from '@ecg/infrastructure';
import { audit } from '../audit/audit';
import { Contact } from '../contact/contact.entity';
import { EmailImportOutcome as Outcome, type EmailImportResult, type EmailImportRow } from './email-import.types';

export const MAX_ROWS = 10_000;
const isUuid = (s: string) => z.string().uuid().safeParse(s).success;
const isEmail = (s: string) => s.length <= 254 && z.string().email().safeParse(s).success;

interface Line {
  line: number;
  contact: string;
  newEmail: string;
}

/** `contact,email` rows, header first; a malformed file is one clear error naming the line. */
export function parseEmailCsv(csv: string): Line[] {
  let records: Record<string, string>[];
  try {
    records = parse(csv, {
      columns: (header: string[]) => header.map((h) => h.trim().toLowerCase()),
      skip_empty_lines: true,
      trim: true,
      bom: true,
      max_record_size: 2048,
    });
  } catch (error) {
    throw badUserInput([{ field: 'csv', message: `is not valid CSV: ${(error as Error).message}` }]);
  }
  if (records.length === 0)
    throw badUserInput([
      { field: 'csv', message: 'has no rows: expected a header "contact,email" and one row per contact' },
    ]);
  if (!('contact' in records[0]) || !('email' in records[0]))
    throw badUserInput([
      { field: 'csv', message: 'needs the columns "contact" (id or current email) and "email" (the new one)' },
    ]);
  if (records.length > MAX_ROWS) throw badUserInput([{ field: 'csv', message: `has more than ${MAX_ROWS} rows` }]);
  return records.map((r, i) => ({ line: i + 2, contact: r.contact ?? '', newEmail: r.email ?? '' }));
}

/**
 * ESR's mass email upload. Every row is checked first; then either every valid row is applied in
 * one transaction, or (dry run) nothing is. Each row's outcome is reported.
 */
export async function importContactEmails(
  dataSource: DataSource,
  principal: Principal,
  organizationId: string,
  csv: string,
  dryRun: boolean,
): Promise<EmailImportResult> {
  const lines = parseEmailCsv(csv);
  return withRetry(dataSource, async (manager) => {
    const repository = manager.getRepository(Contact);
    const ids = lines.map((l) => l.contact).filter(isUuid);
    const emails = lines
      .flatMap((l) => [l.contact, l.newEmail])
      .filter((s) => s.includes('@'))
      .map((s) => s.toLowerCase());
    const known = [
      ...(ids.length ? await repository.findBy({ organizationId, id: In(ids) }) : []),
      ...(emails.length
        ? await repository
            .createQueryBuilder('c')
            .where('c.organizationId = :organizationId', { organizationId })
            .andWhere('LOWER(c.primaryEmail) IN (:...emails)', { emails })
            .getMany()
        : []),
    ];
    const byId = new Map(known.map((c) => [c.id, c]));
    const byEmail = new Map<string, Contact[]>();
    for (const c of byId.values())
      if (c.primaryEmail)
        byEmail.set(c.primaryEmail.toLowerCase(), [...(byEmail.get(c.primaryEmail.toLowerCase()) ?? []), c]);

    const seenContacts = new Set<string>();
    const claimedEmails = new Map<string, string>(); // new email → contact id taking it in this file
    const rows: EmailImportRow[] = lines.map((l) => {
      const row = (outcome: Outcome, message: string | null, contactId: string | null = null): EmailImportRow => ({
        ...l,
        outcome,
        message,
        contactId,
      });
      const matches = isUuid(l.contact)
        ? ([byId.get(l.contact)].filter(Boolean) as Contact[])
        : (byEmail.get(l.contact.toLowerCase()) ?? []);
      if (matches.length !== 1)
        return row(
          Outcome.REJECTED,
          matches.length
            ? 'more than one contact has this email; use the contact id'
            : 'no contact of this organization has this id or email',
        );
      const contact = matches[0];
      if (seenContacts.has(contact.id))
        return row(Outcome.REJECTED, 'this contact already appears on an earlier line', contact.id);
      seenContacts.add(contact.id);
      if (!isEmail(l.newEmail)) return row(Outcome.REJECTED, 'the new email is not an email address', contact.id);
      const key = l.newEmail.toLowerCase();
      if (contact.primaryEmail?.toLowerCase() === key) return row(Outcome.UNCHANGED, null, contact.id);
      const holder = (byEmail.get(key) ?? []).find((c) => c.id !== contact.id);
      if (holder || claimedEmails.has(key))
        return row(
          Outcome.REJECTED,
          'the new email is already used by another contact of this organization',
          contact.id,
        );
      claimedEmails.set(key, contact.id);
      return row(dryRun ? Outcome.WOULD_UPDATE : Outcome.UPDATED, null, contact.id);
    });

    const toApply = rows.filter((r) => r.outcome === Outcome.UPDATED);
    for (const r of toApply) {
      const contact = byId.get(r.contactId!)!;
      await repository.update({ id: contact.id }, { primaryEmail: r.newEmail, version: () => 'version + 1' });
      await audit(manager, principal, {
        organizationId,
        contactId: contact.id,
        action: 'IMPORT_EMAIL',
        changes: [{ field: 'primaryEmail', oldValue: contact.primaryEmail, newValue: r.newEmail }],
      });
    }
    return {
      dryRun,
      applied: rows.filter((r) => r.outcome === Outcome.UPDATED || r.outcome === Outcome.WOULD_UPDATE).length,
      rejected: rows.filter((r) => r.outcome === Outcome.REJECTED).length,
      rows,
    };
  });
}
