import { useQuery } from '../../api/use-query';
import { SecurityEventsTable } from '../../components/security-events-table';
import { StackedCell, StackedRow, StackedTable } from '../../components/stacked-table';
import { fieldLabel, valueLabel } from '../../contact-labels';
import { actorName, when } from '../../format';
import { ContactHistoryDocument, type ContactHistoryQuery } from '../../graphql/generated';

const ACTIONS: Record<string, string> = { CREATE: 'Created', UPDATE: 'Updated', IMPORT_EMAIL: 'Email uploaded' };
type Entry = NonNullable<ContactHistoryQuery['contact']>['auditTrail']['items'][number];

/** Who made a change, by name where the viewer may know it. */
function madeBy(entry: Entry): string {
  if (entry.actorKind === 'STAFF')
    return entry.staff?.displayName ? `Pension staff (${entry.staff.displayName})` : 'Pension staff';
  if (entry.actorKind === 'CONTACT') return entry.actorName ?? 'An administrator';
  if (entry.actorKind === 'SCIM') return entry.actorName ?? 'A provisioning token';
  return entry.actorKind;
}

/** One change in the form's words: "Status: Active → Inactive". */
const changeText = ({ field, oldValue, newValue }: Entry['changes'][number]) =>
  `${fieldLabel(field)}: ${oldValue === null ? '—' : valueLabel(field, oldValue)} → ${
    newValue === null ? '—' : valueLabel(field, newValue)
  }`;

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
        <StackedTable columns={['When', 'What', 'By', 'Changes']}>
          {contact.auditTrail.items.map((entry) => (
            <StackedRow key={entry.id}>
              <StackedCell>{when(entry.at)}</StackedCell>
              <StackedCell label="What">{ACTIONS[entry.action] ?? entry.action}</StackedCell>
              <StackedCell label="By">{madeBy(entry)}</StackedCell>
              <StackedCell label="Changes">{entry.changes.map(changeText).join('; ')}</StackedCell>
            </StackedRow>
          ))}
        </StackedTable>
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
