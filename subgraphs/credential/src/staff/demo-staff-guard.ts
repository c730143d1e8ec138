import type { DataSource } from 'typeorm';
import type { Logger } from '@ecg/infrastructure';
import { DEMO_STAFF, type CredentialConfig } from '../config';
import { verifyPassword } from '../passwords/password-hasher';
import { DISABLED_PASSWORD_HASH, StaffAccount } from '../staff-logins/staff-account.entity';

export { DISABLED_PASSWORD_HASH };

/**
 * The demo staff password is printed in the README. A database that started with demo data keeps
 * that login; on a start in production, every staff login whose password is still the demo one
 * is disabled (its hash replaced), and the operator is told. STAFF_EMAIL / STAFF_PASSWORD then
 * create the first real staff login (staff/staff-bootstrap.ts).
 */
export async function disableDemoStaffInProduction(
  dataSource: DataSource,
  config: CredentialConfig,
  logger: Logger,
): Promise<void> {
  if (!config.production) return;
  const repository = dataSource.getRepository(StaffAccount);
  for (const account of await repository.find()) {
    if (!(await verifyPassword(DEMO_STAFF.password, account.passwordHash))) continue;
    await repository.update({ id: account.id }, { passwordHash: DISABLED_PASSWORD_HASH });
    logger.warn({ email: account.email }, 'staff login with the public demonstration password disabled (production)');
  }
}
