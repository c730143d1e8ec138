import { In, type EntityManager } from 'typeorm';
import { loginsByUserName } from './login-rows';
import { verifyPassword } from '../passwords/password-hasher';
import { AccountSecret } from '../self-service/account-secret.entity';
import { SelfServiceAccount } from '../self-service/self-service-account.entity';
import { SelfServiceStatus } from '../self-service/self-service-status';

/**
 * The login a sign-in is for. Since logins became one per person (DESIGN.md section 6), a person has one login whatever the number of
 * organizations (linked rows are memberships, never candidates). Several logins of one name are
 * the ones registered while user names were unique per organization only, kept apart by the
 * migration (each has its own password): the password given picks the login. With one login
 * (nearly everyone) nothing is hashed here. With several, the one whose password matches; none:
 * the one used last, whose failure is then counted.
 */
export async function accountForSignIn(
  manager: EntityManager,
  userName: string,
  password: string,
): Promise<SelfServiceAccount | null> {
  const candidates = await loginsByUserName(manager, userName);
  if (candidates.length <= 1) return candidates[0] ?? null;
  const secrets = new Map(
    (await manager.findBy(AccountSecret, { essId: In(candidates.map((c) => c.essId)) })).map((s) => [s.essId, s]),
  );
  // All at once, whichever matches: the time does not depend on which login is the one.
  const matches = await Promise.all(
    candidates.map((account) => {
      const secret = secrets.get(account.essId);
      const hash =
        account.status === SelfServiceStatus.REGISTRATION_PENDING
          ? secret?.temporaryPasswordHash
          : secret?.passwordHash;
      return hash ? verifyPassword(password, hash) : Promise.resolve(false);
    }),
  );
  return candidates[matches.indexOf(true)] ?? candidates[0];
}
