import type { SelfServiceAccount } from '../self-service/self-service-account.entity';
import { awaitsConfirmation } from './login-rows';

/** Login rows by ESS ID: the request's DataLoader (`context.loaders.selfService.byEssId`). */
interface LoginRows {
  load(essId: number): Promise<SelfServiceAccount | null | undefined>;
}

/**
 * The person's login row for a membership's row, whichever organization asks (the row itself when
 * it is the login). Until the person confirms a linked registration, the row stays its own, so
 * that organization learns nothing of the login.
 */
export async function loginOf(account: SelfServiceAccount, logins: LoginRows): Promise<SelfServiceAccount> {
  if (account.loginEssId === null || awaitsConfirmation(account)) return account;
  return (await logins.load(account.loginEssId)) ?? account;
}
