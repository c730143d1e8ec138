import { eventName, when } from '../format';
import { StackedCell, StackedRow, StackedTable, TableRegion } from './stacked-table';

interface SecurityEvent {
  id: string;
  at: string;
  type: string;
  clientAddress?: string | null;
}

interface SecurityEventsTableProps<Event extends SecurityEvent> {
  /** The id of the heading that names the table (its scrolling region is labelled by it). */
  headingId: string;
  events: Event[];
  /** Who did it, in words: the pages know different things about the actor. */
  by: (event: Event) => string;
  /** A caption for screen readers, where the heading alone does not say whose events these are. */
  caption?: string;
}

/** A login's security events, one a row: on /account (one's own) and in a contact's history. */
export function SecurityEventsTable<Event extends SecurityEvent>({
  headingId,
  events,
  by,
  caption,
}: SecurityEventsTableProps<Event>) {
  return (
    <TableRegion headingId={headingId}>
      <StackedTable columns={['When', 'What happened', 'By', 'From address']} caption={caption}>
        {events.map((event) => (
          <StackedRow key={event.id}>
            <StackedCell>{when(event.at)}</StackedCell>
            <StackedCell label="What happened">{eventName(event.type)}</StackedCell>
            <StackedCell label="By">{by(event)}</StackedCell>
            <StackedCell label="From address">{event.clientAddress ?? 'Unknown'}</StackedCell>
          </StackedRow>
        ))}
      </StackedTable>
    </TableRegion>
  );
}
