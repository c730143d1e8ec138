import type { ContactContext } from '../context';
import type { Contact } from './contact.entity';

/**
 * A contact as the caller may know of it: a contact principal sees only contacts of its own
 * organization; another organization's contact is null, exactly as an id that does not exist,
 * so `contact(id)` and `_entities` tell nobody what exists elsewhere. Staff and services see all.
 */
export async function visibleContact(context: ContactContext, id: string): Promise<Contact | null> {
  const contact = await context.loaders.contact.byId.load(id);
  if (!contact) return null;
  const principal = context.principal;
  return principal.kind === 'contact' && principal.organizationId !== contact.organizationId ? null : contact;
}
