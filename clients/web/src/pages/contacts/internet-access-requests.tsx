import { Fragment, useState } from 'react';
import { explain } from '../../api/api-error';
import { request } from '../../api/graphql-client';
import { useQuery } from '../../api/use-query';
import { ErrorMessage, Notice } from '../../components/messages';
import { StackedCell, StackedRow, StackedTable, TableRegion } from '../../components/stacked-table';
import { when } from '../../format';
import { DecideInternetAccessRequestDocument, PendingInternetAccessRequestsDocument } from '../../graphql/generated';

const DECISIONS = [
  { approve: true, word: 'Approve', className: 'button' },
  { approve: false, word: 'Deny', className: 'button button-secondary' },
];

const countOf = (n: number) => `${n} ${n === 1 ? 'request' : 'requests'} for internet access`;

/**
 * The organization's pending requests for internet access, for those who may decide them
 * (its Administrators, and staff): who asks, when, from where, why; Approve or Deny each.
 */
export function InternetAccessRequests({ code, reloadKey }: { code: string; reloadKey: number }) {
  const [own, setOwn] = useState(0);
  const [done, setDone] = useState<string | null>(null);
  const [failure, setFailure] = useState<unknown>(null);
  const pending = useQuery(PendingInternetAccessRequestsDocument, { code }, `${reloadKey}.${own}`);
  const requests = pending.data?.organization?.internetAccessRequests ?? [];
  if (pending.status === 'failed') return <ErrorMessage>{explain(pending.error)}</ErrorMessage>;
  if (pending.status !== 'done' || (!requests.length && !done)) return null;

  async function decide(id: string, fullName: string, approve: boolean) {
    setFailure(null);
    setDone(null);
    try {
      await request(DecideInternetAccessRequestDocument, { id, approve, note: null });
      setDone(`${approve ? 'Approved' : 'Denied'}: ${fullName} is told by email.`);
    } catch (error) {
      setFailure(error);
    } finally {
      setOwn((n) => n + 1);
    }
  }

  return (
    <section className="panel" aria-labelledby="internet-access-heading">
      <h2 id="internet-access-heading">{countOf(requests.length)}</h2>
      {done && <Notice>{done}</Notice>}
      {failure !== null && <ErrorMessage>{explain(failure)}</ErrorMessage>}
      {requests.length > 0 && (
        <TableRegion headingId="internet-access-heading">
          <StackedTable columns={['Full Name', 'User Name', 'Requested', 'From', 'Reason', 'Decision']}>
            {requests.map((r) => (
              <StackedRow key={r.id}>
                <StackedCell>{r.fullName}</StackedCell>
                <StackedCell label="User Name">{r.userName}</StackedCell>
                <StackedCell label="Requested">{when(r.requestedAt)}</StackedCell>
                <StackedCell label="From">{r.clientAddress ?? 'Unknown'}</StackedCell>
                <StackedCell label="Reason">{r.reason ?? 'None given'}</StackedCell>
                <StackedCell>
                  {DECISIONS.map(({ approve, word, className }, i) => (
                    // A space between the buttons, as between words.
                    <Fragment key={word}>
                      {i > 0 && ' '}
                      <button
                        type="button"
                        className={className}
                        aria-label={`${word} internet access for ${r.fullName}`}
                        onClick={() => void decide(r.id, r.fullName, approve)}
                      >
                        {word}
                      </button>
                    </Fragment>
                  ))}
                </StackedCell>
              </StackedRow>
            ))}
          </StackedTable>
        </TableRegion>
      )}
    </section>
  );
}
