import { useState, type FormEvent } from 'react';
import { explain } from '../../api/api-error';
import { request } from '../../api/graphql-client';
import { useQuery } from '../../api/use-query';
import { ErrorMessage, Notice } from '../../components/messages';
import { StackedCell, StackedRow, StackedTable } from '../../components/stacked-table';
import {
  ImportContactEmailsDocument,
  OrganizationHealthDocument,
  type ImportContactEmailsMutation,
} from '../../graphql/generated';
import { MissingEmailList, MissingEmailTemplate } from './missing-email';
import { ContactLink } from './contact-link';

type ImportResult = ImportContactEmailsMutation['importContactEmails'];
const OUTCOME: Record<string, string> = {
  UPDATED: 'Updated',
  WOULD_UPDATE: 'Will be updated',
  UNCHANGED: 'Unchanged',
  REJECTED: 'Rejected',
};

/** ESR's mass email upload: a CSV "contact,email"; "Check file" shows every row's fate before "Apply changes" writes. */
function EmailUpload({ organizationId, onApplied }: { organizationId: string; onApplied: () => void }) {
  const [csv, setCsv] = useState('');
  const [result, setResult] = useState<ImportResult | null>(null);
  const [failure, setFailure] = useState<string | null>(null);
  const [problem, setProblem] = useState<string[]>([]);

  async function run(dryRun: boolean) {
    setFailure(null);
    if (!csv.trim()) {
      setProblem(['Choose a CSV file, or paste its lines: the first line is "contact,email".']);
      return;
    }
    setProblem([]);
    try {
      const { importContactEmails } = await request(ImportContactEmailsDocument, {
        organization: organizationId,
        csv,
        dryRun,
      });
      setResult(importContactEmails);
      if (!dryRun) onApplied();
    } catch (error) {
      setFailure(explain(error));
    }
  }
  const check = (event: FormEvent) => {
    event.preventDefault();
    void run(true);
  };

  return (
    <section aria-labelledby="upload-heading" className="subpanel">
      <h3 id="upload-heading">Mass email upload</h3>
      <p>
        Record many email addresses at once: a CSV file whose first line is "contact,email", then one line per contact
        (its current email address or its id, and the new email address). For contacts with no email, download the list
        above: it has their ids, and a column for the email. Nothing is written until you apply it.
      </p>
      {failure && <ErrorMessage>{failure}</ErrorMessage>}
      <form onSubmit={check} noValidate>
        <div className="field">
          <label htmlFor="csv-file">CSV file</label>
          <input
            id="csv-file"
            type="file"
            accept=".csv,text/csv"
            onChange={(e) => void e.target.files?.[0]?.text().then(setCsv)}
          />
        </div>
        <div className={problem.length ? 'field field-invalid' : 'field'}>
          <label htmlFor="csv-text">CSV lines</label>
          {problem.length > 0 && (
            <p className="field-error" id="csv-text-error">
              {problem.join(' ')}
            </p>
          )}
          <textarea
            id="csv-text"
            rows={4}
            value={csv}
            onChange={(e) => setCsv(e.target.value)}
            aria-describedby={problem.length ? 'csv-text-error' : undefined}
          />
        </div>
        <div className="actions">
          <button type="submit" className="button button-secondary">
            Check file
          </button>
          {result?.dryRun && result.rows.some((r) => r.outcome === 'WOULD_UPDATE') && (
            <button type="button" className="button" onClick={() => void run(false)}>
              Apply changes
            </button>
          )}
        </div>
      </form>
      {result && (
        <>
          <Notice>
            {result.dryRun
              ? `Checked: ${result.rows.filter((r) => r.outcome === 'WOULD_UPDATE').length} would be updated, ${result.rejected} rejected. Nothing is saved yet.`
              : `Saved: ${result.applied} updated, ${result.rejected} rejected.`}
          </Notice>
          <div className="table-scroll" role="region" aria-label="Upload rows" tabIndex={0}>
            <StackedTable columns={['Line', 'Contact', 'New email', 'Outcome']}>
              {result.rows.map((row) => (
                <StackedRow key={row.line}>
                  <StackedCell label="Line">{row.line}</StackedCell>
                  <StackedCell label="Contact">{row.contact}</StackedCell>
                  <StackedCell label="New email">{row.newEmail}</StackedCell>
                  <StackedCell label="Outcome">
                    {OUTCOME[row.outcome] ?? row.outcome}
                    {row.message ? `: ${row.message}` : ''}
                  </StackedCell>
                </StackedRow>
              ))}
            </StackedTable>
          </div>
        </>
      )}
    </section>
  );
}

/** What the organization's health needs (ESR): enough administrators, and an email for everyone. */
export function OrganizationHealth({
  code,
  organizationId,
  canEdit,
  reloadKey,
  onChanged,
  onOpen,
}: {
  code: string;
  organizationId: string;
  canEdit: boolean;
  reloadKey: number;
  onChanged: () => void;
  /** Opens a contact of the list, as the contacts table does. */
  onOpen: (contactId: string) => void;
}) {
  const health = useQuery(OrganizationHealthDocument, { code }, reloadKey);
  const organization = health.data?.organization;
  if (!organization) return null;
  // Contacts with no email at all are listed in their own warning above.
  const unreachable = organization.emailReachabilityReport.filter((issue) => issue.reachability);
  return (
    <section aria-labelledby="health-heading" className="panel">
      <h2 id="health-heading">Organization health</h2>
      {organization.warnings.length === 0 && unreachable.length === 0 && (
        <p>No warnings: at least two active Administrators, and every active contact has an email address.</p>
      )}
      {organization.warnings.includes('FEWER_THAN_TWO_ADMINISTRATORS') && (
        <div className="message message-warning">
          <p>
            Fewer than two active Administrators ({organization.administratorCount}): nobody can help contacts when the
            Administrator is away. Give a second active contact the Administrator type.
          </p>
        </div>
      )}
      {organization.warnings.includes('CONTACTS_WITHOUT_EMAIL') && (
        <div className="message message-warning">
          <p>
            {organization.contactsMissingEmail.totalCount} active{' '}
            {organization.contactsMissingEmail.totalCount === 1 ? 'contact has' : 'contacts have'} no email address, so
            they cannot register, reset a password or unlock their login by email:
          </p>
          <MissingEmailList code={code} contacts={organization.contactsMissingEmail.items} onOpen={onOpen} />
          {canEdit && <MissingEmailTemplate code={code} />}
        </div>
      )}
      {unreachable.length > 0 && (
        <div className="message message-warning">
          <p>Self-service mail may not reach these contacts (overdue temporary addresses first):</p>
          <ul aria-label="Email reachability">
            {unreachable.map((issue) => (
              <li key={issue.contact.id}>
                <ContactLink code={code} contactId={issue.contact.id} onOpen={onOpen}>
                  {issue.contact.fullName}
                </ContactLink>
                : {issue.problem} {issue.action}
              </li>
            ))}
          </ul>
        </div>
      )}
      {canEdit && <EmailUpload organizationId={organizationId} onApplied={onChanged} />}
    </section>
  );
}
