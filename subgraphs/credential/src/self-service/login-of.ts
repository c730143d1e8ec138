import type { CredentialContext } from '../context';
import { awaitsConfirmation } from '../person/login-rows';
import type { SelfServiceAccount } from './self-service-account.entity';

/**
 * The person's login row for a membership's row, whichever organization asks (the row itself when
 * it is the login). Until the person confirms a linked registration, the row stays its own, so
 * that organization learns nothing of the login.
 */
export async function loginOf(account: SelfServiceAccount, context: CredentialContext): Promise<SelfServiceAccount> {
  if (account.loginEssId === null || awaitsConfirmation(account)) return account;
  return (await context.loaders.selfService.byEssId.load(account.loginEssId)) ?? account;
}
