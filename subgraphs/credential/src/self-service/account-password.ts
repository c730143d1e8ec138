import type { EntityManager } from 'typeorm';
import { verifyAndUpgrade } from '../passwords/password-hasher';
import { AccountSecret } from './account-secret.entity';

/**
 * A sign-in's password check of a login: the chosen password, or the temporary one while the
 * registration is pending. A hash made at a lower cost than the configured one is replaced by one
 * at that cost when the password matches, written only over the hash that was checked.
 */
export function checkAccountPassword(
  manager: EntityManager,
  essId: number,
  pending: boolean,
  password: string,
  hash: string,
): Promise<boolean> {
  const column = pending ? 'temporaryPasswordHash' : 'passwordHash';
  return verifyAndUpgrade(password, hash, (upgraded, previous) =>
    manager.update(AccountSecret, { essId, [column]: previous }, { [column]: upgraded }),
  );
}
