import { In, type EntityManager } from 'typeorm';
import { normalizeUserName, sameUserName } from '../login/user-name';
import { verifyPassword } from '../passwords/password-hasher';
import { AccountSecret } from './account-secret.entity';
import { SelfServiceAccount } from './self-service-account.entity';
import { SelfServiceStatus } from './self-service-status';

/**
 * The login a sign-in is for. A user name is unique per organization, so a person whom several
 * organizations registered has one login in each, each with its own password (until issue 13
 * links them into one): the password given picks the login. With one login (nearly everyone)
 * nothing is hashed here. With several, the one whose password matches; none: the one used last,
 * whose failure is then counted.
 */
export async function accountForSignIn(manager: EntityManager, userName: string, password: string): Promise<SelfServiceAccount | null> {
  const name = normalizeUserName(userName);
  const candidates = (await manager.find(SelfServiceAccount, { where: { userName: name }, order: { lastSuccessfulLogin: 'DESC', essId: 'DESC' } })).filter((a) => sameUserName(a.userName, name));
  if (candidates.length <= 1) return candidates[0] ?? null;
  const secrets = new Map((await manager.findBy(AccountSecret, { essId: In(candidates.map((c) => c.essId)) })).map((s) => [s.essId, s]));
  // All at once, whichever matches: the time does not depend on which login is the one.
  const matches = await Promise.all(
    candidates.map((account) => {
      const secret = secrets.get(account.essId);
      const hash = account.status === SelfServiceStatus.REGISTRATION_PENDING ? secret?.temporaryPasswordHash : secret?.passwordHash;
      return hash ? verifyPassword(password, hash) : false;
    }),
  );
  return candidates[matches.indexOf(true)] ?? candidates[0];
}
