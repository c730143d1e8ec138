import { IsNull, MoreThan } from 'typeorm';
import { AccountToken } from '../person/account-token.entity';
import { sha256 } from '../crypto/sha256';
import { SelfServiceAccount } from '../self-service/self-service-account.entity';
import { SelfServiceStatus } from '../self-service/self-service-status';
import type { LifecycleDeps } from './lifecycle-deps';

/**
 * Whether an emailed link still works, asked when its page opens and without spending it: a
 * spent link is reported before the person types a new password twice. The login's user name
 * comes back (whoever holds the link may reset that login anyway) so the page can name it and
 * prefill Sign In afterwards.
 */
export function linkCheck({ dataSource }: Pick<LifecycleDeps, 'dataSource'>) {
  async function usable(token: string, purpose: 'RESET' | 'UNLOCK'): Promise<SelfServiceAccount | null> {
    const row = await dataSource.getRepository(AccountToken).findOneBy({
      tokenHash: sha256(token),
      purpose,
      usedAt: IsNull(),
      expiresAt: MoreThan(new Date()),
    });
    if (!row) return null;
    const account = await dataSource.getRepository(SelfServiceAccount).findOneBy({ essId: row.essId });
    if (!account) return null;
    // The lock an unlock link was made for has ended (a reset, a re-enrollment): completeUnlock refuses it.
    if (purpose === 'UNLOCK' && account.status !== SelfServiceStatus.LOCKED) return null;
    return account;
  }
  return {
    /** When the pending unlock link of a locked login was mailed (the newest still usable), or null. */
    async unlockLinkSentAt(essId: number): Promise<Date | null> {
      const row = await dataSource.getRepository(AccountToken).findOne({
        where: { essId, purpose: 'UNLOCK', usedAt: IsNull(), expiresAt: MoreThan(new Date()) },
        order: { createdAt: 'DESC' },
      });
      return row?.createdAt ?? null;
    },
    async checkLink(token: string, purpose: 'RESET' | 'UNLOCK'): Promise<{ userName: string } | null> {
      const account = await usable(token, purpose);
      return account && { userName: account.userName };
    },
  };
}
