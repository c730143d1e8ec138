import { useEffect, useState } from 'react';
import { explain } from '../../api/api-error';
import { download } from '../../api/download';
import { request } from '../../api/graphql-client';
import { useQuery } from '../../api/use-query';
import { ErrorMessage } from '../../components/messages';
import { Pager } from '../../components/pager';
import { StackedCell } from '../../components/stacked-table';
import { contactTypeNames } from '../../contact-types';
import { statusName as loginStatusName } from '../../format';
import { ConfirmDialog } from './confirm-dialog';
import {
  ContactsSpreadsheetDocument,
  OrganizationContactsPageDocument,
  RegisterSelectedDocument,
  type ContactSelfServiceFilter,
  type ContactSort,
  type ContactStatus,
} from '../../graphql/generated';

export const PAGE_SIZE = 10;

export interface ListView {
  page: number;
  sort: ContactSort;
  status: ContactStatus | null;
  /** Only contacts whose Self Service Details say this Status (or that have no login). */
  login: ContactSelfServiceFilter | null;
}

/** The Self Service Status filter's choices, in the Self Service Details panel's words. */
const LOGIN_FILTERS: ContactSelfServiceFilter[] = [
  'NOT_REGISTERED',
  'REGISTRATION_PENDING',
  'REGISTERED',
  'LOCKED',
  'DISABLED',
];

const statusName = (status: string) => (status === 'ACTIVE' ? 'Active' : 'Inactive');

/** The Self Service Details panel's Status, and its words for a contact with no login yet. */
const NOT_REGISTERED = 'Not registered';
const selfServiceName = (login: { status: string } | null | undefined) =>
  login ? loginStatusName(login.status) : NOT_REGISTERED;
const filterName = (filter: ContactSelfServiceFilter) =>
  filter === 'NOT_REGISTERED' ? NOT_REGISTERED : loginStatusName(filter);

/** "Page 1 of 4 | Results 1 - 10 of 32", as the job aid shows it. */
export const position = (page: number, pageCount: number, pageSize: number, total: number) =>
  total === 0
    ? 'No results'
    : `Page ${page} of ${pageCount} | Results ${(page - 1) * pageSize + 1} - ${Math.min(page * pageSize, total)} of ${total}`;

/** What each outcome of "Register selected" means, in words. */
const OUTCOME: Record<string, string> = {
  REGISTERED: 'Registered: a temporary password was emailed (24 hours).',
  LINKED: 'Linked to the login the person already has: they were emailed, no new password.',
};

/** "Set to enroll by batch": at most this many at once, as the API allows. */
const BATCH_LIMIT = 100;

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
  /** Rows can be ticked and registered together ("Register selected"): for those who may register. */
  onRegistered?: () => void;
}) {
  const { code, view, onView, onOpen, openId, onNew, onLoaded, reloadKey, onRegistered } = props;
  // Ticked rows, kept across pages of the same organization: id and name, for the outcomes.
  // Both belong to the organization they were made for: another organization's list starts afresh.
  const [selection, setSelection] = useState<{ code: string; ids: Map<string, string> }>({ code, ids: new Map() });
  const selected = selection.code === code ? selection.ids : new Map<string, string>();
  const setSelected = (ids: Map<string, string>) => setSelection({ code, ids });
  const [confirming, setConfirming] = useState(false);
  type Outcome = { name: string; outcome: string; message: string | null };
  const [result, setResult] = useState<{ code: string; outcomes: Outcome[] } | null>(null);
  const outcomes = result?.code === code ? result.outcomes : null;
  const setOutcomes = (found: Outcome[]) => setResult({ code, outcomes: found });
  const [registering, setRegistering] = useState(false);
  const toggle = (id: string, name: string, on: boolean) => {
    const next = new Map(selected);
    if (on && next.size < BATCH_LIMIT) next.set(id, name);
    else next.delete(id);
    setSelected(next);
  };

  async function registerSelected() {
    setConfirming(false);
    setFailure(null);
    setRegistering(true);
    try {
      const answer = await request(RegisterSelectedDocument, { contactIds: [...selected.keys()] });
      setOutcomes(
        answer.registerMany.map((o) => ({
          name: selected.get(o.contactId) ?? o.contactId,
          outcome: o.outcome,
          message: o.message,
        })),
      );
      setSelected(new Map());
      onRegistered?.();
    } catch (error) {
      setFailure(explain(error));
    } finally {
      setRegistering(false);
    }
  }
  const list = useQuery(
    OrganizationContactsPageDocument,
    {
      code,
      page: view.page,
      pageSize: PAGE_SIZE,
      sort: view.sort,
      status: view.status,
      selfServiceStatus: view.login,
    },
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
        selfServiceStatus: view.login,
      });
      // The server names it: organization code and day (in the display zone), as its own header does.
      if (found) await download(found.contactsExport.url, found.contactsExport.fileName);
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
    <section aria-labelledby="contacts-heading" className="panel panel-first contacts-panel">
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
        {onRegistered && (
          <button
            type="button"
            className="button button-secondary"
            disabled={selected.size === 0 || registering}
            aria-busy={registering}
            onClick={() => setConfirming(true)}
          >
            Register selected{selected.size ? ` (${selected.size})` : ''}
          </button>
        )}
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
        <div className="field field-inline">
          <label htmlFor="login-filter">Self Service Status</label>
          <select
            id="login-filter"
            value={view.login ?? ''}
            onChange={(e) =>
              onView({ ...view, page: 1, login: (e.target.value || null) as ContactSelfServiceFilter | null })
            }
          >
            <option value="">All</option>
            {LOGIN_FILTERS.map((filter) => (
              <option key={filter} value={filter}>
                {filterName(filter)}
              </option>
            ))}
          </select>
        </div>
      </div>
      {confirming && (
        <ConfirmDialog
          question={`Are you sure you want to register ${selected.size} ${selected.size === 1 ? 'contact' : 'contacts'}?`}
          detail="Each one gets an email with a temporary password, valid for 24 hours (or, if the address already has a login, an email saying so). Contacts that cannot be registered are listed with the reason."
          onConfirm={() => void registerSelected()}
          onCancel={() => setConfirming(false)}
        />
      )}
      {outcomes && (
        <div className="message message-success" role="status">
          <h3 className="message-title">
            Register selected: {outcomes.length} {outcomes.length === 1 ? 'contact' : 'contacts'}
          </h3>
          <ul className="register-outcomes">
            {outcomes.map((o) => (
              <li key={o.name + o.outcome}>
                <strong>{o.name}</strong>: {OUTCOME[o.outcome] ?? `Not registered: ${o.message ?? o.outcome}`}
              </li>
            ))}
          </ul>
        </div>
      )}
      <p className="pager-position" role="status">
        {position(contacts.page, contacts.pageCount, contacts.pageSize, contacts.totalCount)}
      </p>
      <div className="table-scroll" role="region" aria-label="Contacts table" tabIndex={0}>
        <table className="contacts" role="table">
          <thead role="rowgroup">
            <tr role="row">
              {onRegistered && (
                <th role="columnheader" scope="col" className="select-cell">
                  <span className="visually-hidden">Select</span>
                </th>
              )}
              <th
                role="columnheader"
                scope="col"
                className="name-column"
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
              <th role="columnheader" scope="col" className="status-column">
                Status
              </th>
              <th role="columnheader" scope="col" className="email-column">
                Email Address
              </th>
              <th role="columnheader" scope="col" className="types-column">
                Contact Type
              </th>
              <th role="columnheader" scope="col" className="login-column">
                Self Service Status
              </th>
            </tr>
          </thead>
          <tbody role="rowgroup">
            {contacts.items.map((contact) => (
              <tr key={contact.id} role="row" aria-current={contact.id === openId ? 'true' : undefined}>
                {onRegistered && (
                  <td role="cell" className="select-cell">
                    <input
                      type="checkbox"
                      id={`select-${contact.id}`}
                      aria-label={`Select ${contact.fullName}`}
                      checked={selected.has(contact.id)}
                      onChange={(e) => toggle(contact.id, contact.fullName, e.target.checked)}
                    />
                  </td>
                )}
                <td role="cell" className="name-column">
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
                <StackedCell label="Status">{statusName(contact.status)}</StackedCell>
                <StackedCell label="Email Address">{contact.primaryEmail ?? ''}</StackedCell>
                <StackedCell label="Contact Type">{contactTypeNames(contact.contactTypes)}</StackedCell>
                <StackedCell label="Self Service Status">{selfServiceName(contact.selfService)}</StackedCell>
              </tr>
            ))}
            {contacts.items.length === 0 && (
              <tr role="row">
                <td role="cell" colSpan={onRegistered ? 6 : 5}>
                  {view.status || view.login ? 'No contacts match this status.' : 'No contacts match.'}
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
