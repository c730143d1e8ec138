import { QueryFailedError } from 'typeorm';

/** A unique index refused the row (MariaDB/MySQL ER_DUP_ENTRY, SQLite's UNIQUE constraint). */
export function isUniqueViolation(error: unknown): boolean {
  if (!(error instanceof QueryFailedError)) return false;
  const code = (error.driverError as { code?: string } | undefined)?.code;
  return code === 'ER_DUP_ENTRY' || code === 'SQLITE_CONSTRAINT_UNIQUE';
}
