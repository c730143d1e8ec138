import { currentSessionRule } from '@ecg/policy';
import { ContactStatus } from '../contact/contact-enums';
import type { ContactContext } from '../context';

/**
 * Before every mutation of this subgraph: the caller is still what its token says. A contact is
 * read again from this subgraph's own table (still active, same organization, every contact type
 * the token claims still held), and the session is asked of the credential subgraph (not signed
 * out, password not changed, not re-enrolled or reset). Either failing: UNAUTHENTICATED, at once.
 */
export const currentSession = currentSessionRule<ContactContext>(
  async (sessionId, context) => (await context.services.sessionStatus(sessionId)) === 'ended',
  async (principal, context) => {
    const [row, types] = await Promise.all([
      context.loaders.contact.byId.load(principal.id),
      context.loaders.contact.typesByContactId.load(principal.id),
    ]);
    return Boolean(
      row &&
      row.status === ContactStatus.ACTIVE &&
      row.organizationId === principal.organizationId &&
      principal.contactTypes.every((t) => types.includes(t)),
    );
  },
);
