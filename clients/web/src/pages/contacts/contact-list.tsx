import { useEffect, useState } from 'react';
import { explain } from '../../api/api-error';
import { download } from '../../api/download';
import { request } from '../../api/graphql-client';
import { useQuery } from '../../api/use-query';
import { ErrorMessage } from '../../components/messages';
import { Pager } from '../../components/pager';
import { contactTypeNames } from '../../contact-types';
import {
  ContactsSpreadsheetDocument,
  OrganizationContactsPageDocument,
  type ContactSort,
  type ContactStatus,
} from '../../graphql/generated';

export const PAGE_SIZE = 10;

export interface ListView {
  page: number;
  sort: ContactSort;
  status: ContactStatus | null;
}

const statusName = (status: string) => (status === 'ACTIVE' ? 'Active' : 'Inactive');

/** "Page 1 of 4 | Results 1 - 10 of 32", as the job aid shows it. */
export const position = (page: number, pageCount: number, pageSize: number, total: number) =>
  total === 0
    ? 'No results'
    : `Page ${page} of ${pageCount} | Results ${(page - 1) * pageSize + 1} - ${Math.min(page * pageSize, total)} of ${total}`;

/** The spreadsheet's name: which organization, and the day (the person's own) it was taken. */
const exportFileName = (code: string, now = new Date()) =>
  `contacts-${code.replace(/[^A-Za-z0-9-]+/g, '-')}-${now.toLocaleDateString('en-CA')}.xlsx`;

/**
 * The Contacts panel: one page from the server at a time (an organization may have thousands),
 * sorted by Full Name, filtered by Status; "New" and "Export To Excel" when allowed.
 */
export function ContactList(props: {
  code: string;
  view: ListView;
  onView: (view: ListView) => void;
  onOpen: (contactId: string) => void;
  /** The contact open below the list: its row is marked (aria-current). */
  openId?: string | null;
  onNew?: () => void;
  /** The organization the list shows, once loaded: the editor and the upload need its id. */
  onLoaded: (organization: { id: string; code: string }) => void;
  reloadKey: number;
}) {
  const { code, view, onView, onOpen, openId, onNew, onLoaded, reloadKey } = props;
  const list = useQuery(
    OrganizationContactsPageDocument,
    { code, page: view.page, pageSize: PAGE_SIZE, sort: view.sort, status: view.status },
    reloadKey,
  );
  const [failure, setFailure] = useState<string | null>(null);
  const [exporting, setExporting] = useState(false);
  const organization = list.data?.organization;
  const contacts = organization?.contacts;
  useEffect(() => {
    if (organization) onLoaded({ id: organization.id, code: organization.code });
  }, [organization?.id, organization?.code]); // eslint-disable-line react-hooks/exhaustive-deps

  async function exportToExcel() {
    setFailure(null);
    setExporting(true);
    try {
      const { organization: found } = await request(ContactsSpreadsheetDocument, {
        code,
        sort: view.sort,
        status: view.status,
      });
      if (found) await download(found.contactsExport.url, exportFileName(code));
    } catch (error) {
      setFailure(explain(error));
    } finally {
      setExporting(false);
    }
  }

  if (list.status === 'failed') return <ErrorMessage>{explain(list.error)}</ErrorMessage>;
  if (list.status === 'done' && !organization)
    return <ErrorMessage>There is no organization with the code {code}. Search again.</ErrorMessage>;
  if (!organization || !contacts) return <p role="status">Loading contacts…</p>;
  const ascending = view.sort === 'FULL_NAME_ASC';
  const goTo = (page: number) => onView({ ...view, page });
  // The pager moves from the page asked for, not the one shown: a second Next while a page loads moves on again.

  return (
    <section aria-labelledby="contacts-heading" className="panel panel-first">
      <h2 id="contacts-heading">Contacts for {organization.displayName}</h2>
      {failure && <ErrorMessage>{failure}</ErrorMessage>}
      <div className="toolbar">
        {onNew && (
          <button type="button" className="button" onClick={onNew}>
            New
          </button>
        )}
        <button
          type="button"
          className="button button-secondary"
          onClick={() => void exportToExcel()}
          aria-busy={exporting}
        >
          Export To Excel
        </button>
        <div className="field field-inline">
          <label htmlFor="status-filter">Status</label>
          <select
            id="status-filter"
            value={view.status ?? ''}
            onChange={(e) => onView({ ...view, page: 1, status: (e.target.value || null) as ContactStatus | null })}
          >
            <option value="">All</option>
            <option value="ACTIVE">Active</option>
            <option value="INACTIVE">Inactive</option>
          </select>
        </div>
      </div>
      <p className="pager-position" role="status">
        {position(contacts.page, contacts.pageCount, contacts.pageSize, contacts.totalCount)}
      </p>
      <div className="table-scroll" role="region" aria-label="Contacts table" tabIndex={0}>
        <table className="contacts" role="table">
          <thead role="rowgroup">
            <tr role="row">
              <th
                role="columnheader"
                scope="col"
                aria-sort={ascending ? 'ascending' : view.sort === 'FULL_NAME_DESC' ? 'descending' : 'none'}
              >
                <button
                  type="button"
                  className="sort-button"
                  onClick={() => onView({ ...view, page: 1, sort: ascending ? 'FULL_NAME_DESC' : 'FULL_NAME_ASC' })}
                >
                  Full Name{' '}
                  <span aria-hidden="true">{ascending ? '▲' : view.sort === 'FULL_NAME_DESC' ? '▼' : ''}</span>
                  <span className="visually-hidden">
                    {ascending ? ', sorted A to Z: sort Z to A' : ', sort A to Z'}
                  </span>
                </button>
              </th>
              <th role="columnheader" scope="col">
                Status
              </th>
              <th role="columnheader" scope="col">
                Email Address
              </th>
              <th role="columnheader" scope="col">
                Contact Type
              </th>
            </tr>
          </thead>
          <tbody role="rowgroup">
            {contacts.items.map((contact) => (
              <tr key={contact.id} role="row" aria-current={contact.id === openId ? 'true' : undefined}>
                <td role="cell">
                  <a
                    href={`?org=${encodeURIComponent(code)}&contact=${contact.id}`}
                    onClick={(e) => {
                      e.preventDefault();
                      onOpen(contact.id);
                    }}
                  >
                    {contact.fullName}
                  </a>
                </td>
                <td role="cell" data-label="Status">
                  {statusName(contact.status)}
                </td>
                <td role="cell" data-label="Email Address">
                  {contact.primaryEmail ?? ''}
                </td>
                <td role="cell" data-label="Contact Type">
                  {contactTypeNames(contact.contactTypes)}
                </td>
              </tr>
            ))}
            {contacts.items.length === 0 && (
              <tr role="row">
                <td role="cell" colSpan={4}>
                  {view.status ? 'No contacts match this status.' : 'No contacts match.'}
                </td>
              </tr>
            )}
          </tbody>
        </table>
      </div>
      {contacts.pageCount > 1 && (
        <Pager
          label="Contact pages"
          page={view.page}
          pageCount={contacts.pageCount}
          onPage={goTo}
          ends
          headingId="contacts-heading"
        />
      )}
    </section>
  );
}
