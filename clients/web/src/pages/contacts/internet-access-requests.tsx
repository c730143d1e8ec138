import { useState } from 'react';
import { explain } from '../../api/api-error';
import { request } from '../../api/graphql-client';
import { useQuery } from '../../api/use-query';
import { ErrorMessage, Notice } from '../../components/messages';
import { when } from '../../format';
import { DecideInternetAccessRequestDocument, PendingInternetAccessRequestsDocument } from '../../graphql/generated';

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
        <div className="table-scroll">
          <table>
            <thead>
              <tr>
                <th scope="col">Full Name</th>
                <th scope="col">User Name</th>
                <th scope="col">Requested</th>
                <th scope="col">From</th>
                <th scope="col">Reason</th>
                <th scope="col">Decision</th>
              </tr>
            </thead>
            <tbody>
              {requests.map((r) => (
                <tr key={r.id}>
                  <td>{r.fullName}</td>
                  <td>{r.userName}</td>
                  <td>{when(r.requestedAt)}</td>
                  <td>{r.clientAddress ?? 'Unknown'}</td>
                  <td>{r.reason ?? 'None given'}</td>
                  <td>
                    <button
                      type="button"
                      className="button"
                      aria-label={`Approve internet access for ${r.fullName}`}
                      onClick={() => void decide(r.id, r.fullName, true)}
                    >
                      Approve
                    </button>{' '}
                    <button
                      type="button"
                      className="button button-secondary"
                      aria-label={`Deny internet access for ${r.fullName}`}
                      onClick={() => void decide(r.id, r.fullName, false)}
                    >
                      Deny
                    </button>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
