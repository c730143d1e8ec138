import { IsNull, type DataSource, type EntityManager } from 'typeorm';
import { isUniqueViolation } from '../person/unique-violation';
import { StaffAccount } from './staff-account.entity';
import { findStaffByEmail } from './staff-lockout';
import { withRetry } from '@ecg/infrastructure';

/**
 * Staff second factors live in the same tables as the self-service logins', keyed by a holder
 * number: an ESS ID for a person, a negative number for a staff login, so both share enrolment,
 * the no-replay check, recovery codes and passkeys without a copy of that code.
 */
export const isStaffHolder = (holder: number) => holder < 0;

/** The staff login's holder number, given the first time it is needed (the lowest one less one). */
export async function staffHolder(dataSource: DataSource, staffId: string): Promise<number> {
  const staff = dataSource.getRepository(StaffAccount);
  for (let attempt = 0; ; attempt++) {
    const account = await staff.findOneByOrFail({ id: staffId });
    if (account.secondFactorHolder !== null) return account.secondFactorHolder;
    const { lowest } = (await staff
      .createQueryBuilder('s')
      .select('MIN(s.secondFactorHolder)', 'lowest')
      .getRawOne<{ lowest: number | string | null }>()) ?? { lowest: null };
    const next = Math.min(Number(lowest ?? 0), 0) - 1;
    try {
      // Two first enrolments at once: the unique index keeps one; the other reads it or takes the next.
      await staff.update({ id: staffId, secondFactorHolder: IsNull() }, { secondFactorHolder: next });
    } catch (error) {
      if (!isUniqueViolation(error) || attempt >= 5) throw error;
    }
  }
}

/** The staff login a holder number belongs to. */
export async function staffOfHolder(dataSource: DataSource, holder: number): Promise<StaffAccount | null> {
  return isStaffHolder(holder)
    ? dataSource.getRepository(StaffAccount).findOneBy({ secondFactorHolder: holder })
    : null;
}

/**
 * `npm run staff:unlock -- <email> --reset-second-factors`: a staff member who lost the phone and
 * the recovery codes has nobody above them in the product to press "Reset second factors", so an
 * operator with the configuration does it. False when there is no such staff login.
 */
export async function resetStaffSecondFactors(
  dataSource: DataSource,
  factors: { reset(manager: EntityManager, holder: number): Promise<boolean> },
  email: string,
): Promise<boolean> {
  const account = await findStaffByEmail(dataSource, email);
  if (!account) return false;
  const holder = account.secondFactorHolder;
  if (holder !== null) await withRetry(dataSource, (manager) => factors.reset(manager, holder));
  return true;
}
