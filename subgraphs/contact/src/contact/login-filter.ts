import { ContactSelfServiceFilter } from './contact-enums';
import type { ContactFilter } from './contact.search';

/** The contact ids of an organization's logins with a status (any status: null), as the credential subgraph lists them. */
export type LoginContactIds = (organizationId: string, status: ContactSelfServiceFilter | null) => Promise<string[]>;

/**
 * The list's Self Service Status filter as contact ids, the same for the Contacts panel and
 * "Export To Excel": the logins are the credential subgraph's, so it lists the ids and this
 * subgraph pages, sorts and counts. Not registered: every contact but those with a login.
 */
export async function loginFilter(
  organizationId: string,
  status: ContactSelfServiceFilter | null | undefined,
  contactIdsOf: LoginContactIds,
): Promise<ContactFilter['logins']> {
  if (!status) return null;
  const notRegistered = status === ContactSelfServiceFilter.NOT_REGISTERED;
  return { contactIds: await contactIdsOf(organizationId, notRegistered ? null : status), except: notRegistered };
}
