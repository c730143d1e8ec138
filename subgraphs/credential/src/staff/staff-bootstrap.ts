import { randomUUID } from 'node:crypto';
import type { DataSource } from 'typeorm';
import type { Logger } from '@ecg/shared';
import { hashPassword } from '../passwords/password-hasher';
import { StaffAccount } from './staff-account.entity';

/** The first staff login, from STAFF_EMAIL / STAFF_PASSWORD, when there is no staff yet. */
export async function ensureFirstStaff(dataSource: DataSource, staff: { email: string; password: string } | null, logger: Logger): Promise<void> {
  const repository = dataSource.getRepository(StaffAccount);
  if (!staff || (await repository.count()) > 0) return;
  await repository.insert({ id: randomUUID(), email: staff.email, displayName: 'Staff', passwordHash: await hashPassword(staff.password) });
  logger.info({ email: staff.email }, 'first staff login created');
}
