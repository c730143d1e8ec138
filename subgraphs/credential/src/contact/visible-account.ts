import type { CredentialContext } from '../context';
import type { SelfServiceAccount } from '../self-service/self-service-account.entity';

/**
 * The login of a contact, as the caller may know of it. A Contact reaches this subgraph through
 * `_entities` with nothing but an id, which anyone can send straight here: a contact principal
 * sees only logins of its own organization (recorded on the account), and another organization's
 * contact answers exactly as an id that does not exist (no login, REGISTER), so nothing tells
 * whether it has a login or is locked. Staff and services see every login.
 */
export async function visibleAccount(
  context: CredentialContext,
  contactId: string,
): Promise<SelfServiceAccount | null> {
  const account = await context.loaders.selfService.byContactId.load(contactId);
  if (!account) return null;
  const principal = context.principal;
  return principal.kind === 'contact' && principal.organizationId !== account.organizationId ? null : account;
}
