import { Brackets, type SelectQueryBuilder } from 'typeorm';
import { ContactSort } from '../contact/contact-enums';
import type { Contact } from '../contact/contact.entity';

/** What a row of the spreadsheet needs: the list's columns and every field of Contact Details. */
export const EXPORT_COLUMNS = [
  'id',
  'fullName',
  'status',
  'primaryEmail',
  'firstName',
  'middleName',
  'lastName',
  'namePrefix',
  'nameSuffix',
  'gender',
  'primaryPhoneNumber',
  'primaryPhoneExtension',
  'secondaryPhoneNumber',
  'mobilePhoneNumber',
  'temporaryEmailReviewBy',
  'secondaryEmail',
  'jobTitle',
  'directoryContact',
] as const;

const SORT_COLUMN: Record<ContactSort, ['fullName' | 'status' | 'primaryEmail', 'ASC' | 'DESC']> = {
  FULL_NAME_ASC: ['fullName', 'ASC'],
  FULL_NAME_DESC: ['fullName', 'DESC'],
  STATUS_ASC: ['status', 'ASC'],
  STATUS_DESC: ['status', 'DESC'],
  EMAIL_ASC: ['primaryEmail', 'ASC'],
  EMAIL_DESC: ['primaryEmail', 'DESC'],
};

/**
 * Narrow `query` (ordered by the sort column, then id, as `contactsQuery` orders) to the rows
 * after `last`: a seek on the index (organizationId, column[, id]) instead of an OFFSET.
 * NULLs come first ascending and last descending, on MySQL, MariaDB and SQLite alike.
 */
export function afterRow(
  query: SelectQueryBuilder<Contact>,
  sort: ContactSort,
  last: Pick<Contact, 'id' | 'fullName' | 'status' | 'primaryEmail'>,
) {
  const [column, direction] = SORT_COLUMN[sort];
  const value = last[column];
  const beyond = direction === 'ASC' ? '>' : '<';
  const params = { keysetValue: value, keysetId: last.id };
  return query.andWhere(
    new Brackets((w) => {
      if (value === null || value === undefined) {
        w.where(`c.${column} IS NULL AND c.id ${beyond} :keysetId`, params);
        if (direction === 'ASC') w.orWhere(`c.${column} IS NOT NULL`);
        return;
      }
      w.where(`c.${column} ${beyond} :keysetValue`, params).orWhere(
        `c.${column} = :keysetValue AND c.id ${beyond} :keysetId`,
        params,
      );
      if (direction === 'DESC') w.orWhere(`c.${column} IS NULL`);
    }),
  );
}
