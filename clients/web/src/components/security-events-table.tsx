import { eventName, when } from '../format';

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
    // Named "<heading> table": the section around it often carries the heading's name already,
    // and two landmarks of one name cannot be told apart.
    <div className="table-scroll" role="region" aria-labelledby={`${headingId} ${headingId}-table`} tabIndex={0}>
      <span id={`${headingId}-table`} hidden>
        table
      </span>
      <table>
        {caption && <caption className="visually-hidden">{caption}</caption>}
        <thead>
          <tr>
            <th scope="col">When</th>
            <th scope="col">What happened</th>
            <th scope="col">By</th>
            <th scope="col">From address</th>
          </tr>
        </thead>
        <tbody>
          {events.map((event) => (
            <tr key={event.id}>
              <td>{when(event.at)}</td>
              <td>{eventName(event.type)}</td>
              <td>{by(event)}</td>
              <td>{event.clientAddress ?? 'Unknown'}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
