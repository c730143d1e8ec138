import { useQuery } from '../../api/use-query';
import { SecurityEventsTable } from '../../components/security-events-table';
import { actorName, when } from '../../format';
import { ContactHistoryDocument } from '../../graphql/generated';

const ACTIONS: Record<string, string> = { CREATE: 'Created', UPDATE: 'Updated', IMPORT_EMAIL: 'Email uploaded' };

/** The audit trail of a contact and the security events of its login: for those who may edit contacts. */
export function ContactHistory({ contactId, reloadKey }: { contactId: string; reloadKey: number }) {
  const history = useQuery(ContactHistoryDocument, { id: contactId }, reloadKey);
  const contact = history.data?.contact;
  if (!contact) return null;
  const events = contact.selfService?.securityEvents;
  return (
    <section aria-labelledby="history-heading" className="panel">
      <h2 id="history-heading">History</h2>
      <h3 id="audit-heading">Audit trail ({contact.auditTrail.totalCount} in all, latest first)</h3>
      <div className="table-scroll" role="region" aria-labelledby="audit-heading" tabIndex={0}>
        <table>
          <thead>
            <tr>
              <th scope="col">When</th>
              <th scope="col">What</th>
              <th scope="col">By</th>
              <th scope="col">Changes</th>
            </tr>
          </thead>
          <tbody>
            {contact.auditTrail.items.map((entry) => (
              <tr key={entry.id}>
                <td>{when(entry.at)}</td>
                <td>{ACTIONS[entry.action] ?? entry.action}</td>
                <td>
                  {entry.actorKind === 'STAFF'
                    ? 'Pension system staff'
                    : entry.actorKind === 'CONTACT'
                      ? 'An administrator'
                      : entry.actorKind}
                </td>
                <td>
                  {entry.changes.map((c) => `${c.field}: ${c.oldValue ?? '—'} → ${c.newValue ?? '—'}`).join('; ')}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {events && (
        <>
          <h3 id="login-events-heading">Security events of the login ({events.totalCount} in all, latest first)</h3>
          <SecurityEventsTable
            headingId="login-events-heading"
            events={events.items}
            by={(event) => actorName(event.actorKind, null, undefined)}
          />
        </>
      )}
    </section>
  );
}
