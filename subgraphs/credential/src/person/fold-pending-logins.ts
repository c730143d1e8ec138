import { In, IsNull, Not, type EntityManager } from 'typeorm';
import { AccountToken } from './account-token.entity';
import { AccountSecret } from '../self-service/account-secret.entity';
import { SelfServiceAccount } from '../self-service/self-service-account.entity';
import { SelfServiceStatus } from '../self-service/self-service-status';
import { hasChosenPassword, loginsByUserName } from './login-rows';

/**
 * The person chose a password in `login`: every other login of the same user name that never had
 * a chosen password (registrations by other organizations while none had one) joins it as a
 * membership the person has not confirmed yet. Their temporary passwords and links stop working:
 * the person has a password now. Logins whose people chose passwords are never merged (see the
 * migration): one of two passwords would silently stop working.
 */
export async function foldPendingLogins(manager: EntityManager, login: SelfServiceAccount): Promise<void> {
  const others = (await loginsByUserName(manager, login.userName)).filter(
    (other) =>
      other.essId !== login.essId &&
      !hasChosenPassword(other) &&
      other.status === SelfServiceStatus.REGISTRATION_PENDING,
  );
  if (!others.length) return;
  const ids = others.map((other) => other.essId);
  const claimed = others.some((other) => other.loginUserName !== null);
  await manager.update(
    SelfServiceAccount,
    { essId: In(ids) },
    { loginEssId: login.essId, loginUserName: null, linkConfirmedAt: null },
  );
  // The claim follows the person: future registrations of this email link to this login.
  if (claimed) await manager.update(SelfServiceAccount, { essId: login.essId }, { loginUserName: login.userName });
  await manager.delete(AccountSecret, { essId: In(ids) });
  await manager.update(AccountToken, { essId: In(ids), usedAt: IsNull() }, { usedAt: new Date() });
  // Rows already linked to a folded login (none today: linking needs a chosen password) follow it.
  await manager.update(
    SelfServiceAccount,
    { loginEssId: In(ids), essId: Not(login.essId) },
    { loginEssId: login.essId },
  );
}
