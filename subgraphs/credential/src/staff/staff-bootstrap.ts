import { randomUUID } from 'node:crypto';
import { Not, type DataSource } from 'typeorm';
import type { Logger } from '@ecg/infrastructure';
import { hashPassword } from '../passwords/password-hasher';
import { DISABLED_PASSWORD_HASH } from './demo-staff-guard';
import { StaffAccount } from '../staff-logins/staff-account.entity';

/** The first staff login, from STAFF_EMAIL / STAFF_PASSWORD, when no staff login can sign in. */
export async function ensureFirstStaff(
  dataSource: DataSource,
  staff: { email: string; password: string } | null,
  logger: Logger,
): Promise<void> {
  const repository = dataSource.getRepository(StaffAccount);
  if (
    !staff ||
    (await repository.existsBy({ passwordHash: Not(DISABLED_PASSWORD_HASH) })) ||
    (await repository.existsBy({ email: staff.email }))
  )
    return;
  await repository.insert({
    id: randomUUID(),
    email: staff.email,
    displayName: 'Staff',
    passwordHash: await hashPassword(staff.password),
  });
  logger.info({ email: staff.email }, 'first staff login created');
}
