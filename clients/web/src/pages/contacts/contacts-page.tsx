import { useState } from 'react';
import { Link, useLocation, useSearchParams } from 'react-router';
import { explain } from '../../api/api-error';
import { can, useMe, type Me } from '../../api/use-me';
import { useQuery } from '../../api/use-query';
import { ErrorMessage, Notice } from '../../components/messages';
import { OpenedPanel } from '../../components/opened-panel';
import { Page } from '../../components/page';
import {
  ContactDetailsDocument,
  type ContactSelfServiceFilter,
  type ContactSort,
  type ContactStatus,
} from '../../graphql/generated';
import { ContactForm } from './contact-form';
import { ContactHistory } from './contact-history';
import { ContactList, type ListView } from './contact-list';
import { InternetAccessRequests } from './internet-access-requests';
import { LoginSearch } from './login-search';
import { OrganizationHealth } from './organization-health';
import { OrganizationSearch } from './organization-search';
import { SelfServicePanel } from './self-service-panel';

const SAVED = 'All changes successfully saved.';

/** The selected contact: its details form, its Self Service Details panel, and its history. */
function ContactEditor(props: {
  contactId: string;
  /** Counts the times the list opened a contact: each one brings it into view again. */
  opened: number;
  /** Counts saves: each one shows "All changes successfully saved." above the form, in view. */
  saved: number;
  organizationId: string;
  me: Me;
  reloadKey: number;
  onSaved: (id: string) => void;
  onChanged: () => void;
}) {
  const { contactId, opened, saved, organizationId, me, reloadKey, onSaved, onChanged } = props;
  const [own, setOwn] = useState(0);
  const details = useQuery(ContactDetailsDocument, { id: contactId }, `${reloadKey}.${own}`);
  const contact = details.data?.contact;
  const editsContacts = can(me, 'ORGANIZATION_CONTACTS', 'EDIT');
  return (
    <OpenedPanel openKey={`${contactId}.${opened}`} ready={details.status !== 'loading'} label="Selected contact">
      {saved > 0 && (
        <Notice key={saved} focus>
          {SAVED}
        </Notice>
      )}
      {details.status === 'failed' && <ErrorMessage>{explain(details.error)}</ErrorMessage>}
      {details.status === 'done' && !contact && (
        <ErrorMessage>
          This contact no longer exists, or you may not see it. Choose another one in the list.
        </ErrorMessage>
      )}
      {contact && (
        <>
          <ContactForm
            key={`${contact.id}.${contact.version}`}
            contact={contact}
            organizationId={organizationId}
            editable={editsContacts}
            onSaved={(saved) => onSaved(saved.id)}
            onReload={() => setOwn((n) => n + 1)}
            warnings={contact.emailWarnings}
          />
          <SelfServicePanel
            contactId={contact.id}
            contactName={contact.fullName}
            actions={contact.selfServiceActions}
            account={contact.selfService}
            reachability={contact.emailReachability}
            me={me}
            onChanged={() => {
              setOwn((n) => n + 1);
              onChanged();
            }}
          />
          {editsContacts && <ContactHistory contactId={contact.id} reloadKey={own + reloadKey} />}
        </>
      )}
    </OpenedPanel>
  );
}

/** The ESS Organization Contact Maintenance screen, as the job aid walks through it. */
export function ContactsPage() {
  const me = useMe();
  const [params, setParams] = useSearchParams();
  const location = useLocation();
  const [saved, setSaved] = useState(0);
  const [reloadKey, setReloadKey] = useState(0);
  // Each press of the open contact's name: brought into view again, and loaded again.
  const [opened, setOpened] = useState(0);
  // Each press of New: a fresh empty form, brought into view again. Carried by the move itself, so
  // a move held for unsaved changes (and cancelled) empties nothing.
  const fresh = (location.state as { fresh?: number } | null)?.fresh ?? 0;
  const [organization, setOrganization] = useState<{ id: string; code: string } | null>(null);
  const who = me.data?.me;

  if (me.status === 'failed')
    return <Page title="ESS Organization Contact Maintenance">{<ErrorMessage>{explain(me.error)}</ErrorMessage>}</Page>;
  if (!who) return <p role="status">Loading…</p>;
  const staff = who.kind === 'STAFF';
  if (!staff && !can(who, 'ORGANIZATION_CONTACTS', 'READ') && can(who, 'SELF_SERVICE_RESET', 'EDIT')) {
    return (
      <Page title="ESS Organization Contact Maintenance" wide>
        <LoginSearch me={who} />
      </Page>
    );
  }
  if (!staff && !can(who, 'ORGANIZATION_CONTACTS', 'READ')) {
    return (
      <Page title="ESS Organization Contact Maintenance">
        <p>
          Your contact types do not let you see your organization's contacts. If you need to, ask an administrator of
          your organization.
        </p>
        <p>
          <Link to="/account">Go to My account</Link>
        </p>
      </Page>
    );
  }

  // A contact lands on its own organization; staff choose one.
  const code = staff ? params.get('org') : (who.organization?.code ?? null);
  const view: ListView = {
    page: Math.max(1, Number(params.get('page')) || 1),
    sort: (params.get('sort') as ContactSort | null) ?? 'FULL_NAME_ASC',
    status: (params.get('status') as ContactStatus | null) || null,
    login: (params.get('login') as ContactSelfServiceFilter | null) || null,
  };
  const selected = params.get('contact');
  const update = (changes: Record<string, string | null>, state: unknown = location.state) => {
    const next = new URLSearchParams(params);
    for (const [key, value] of Object.entries(changes)) {
      if (value === null) next.delete(key);
      else next.set(key, value);
    }
    setParams(next, { state });
  };
  const editsContacts = can(who, 'ORGANIZATION_CONTACTS', 'EDIT');
  const openContact = (id: string) => {
    setSaved(0);
    // Opening the contact already shown loads it again: its panel may have changed.
    if (id === selected) {
      setOpened((n) => n + 1);
      setReloadKey((n) => n + 1);
    } else update({ contact: id });
  };

  return (
    <Page title="ESS Organization Contact Maintenance" wide className="maintenance">
      {staff && (
        <OrganizationSearch
          code={code}
          onChoose={(chosen) => {
            setSaved(0);
            setParams(new URLSearchParams({ org: chosen }));
          }}
        />
      )}
      {code && (
        <ContactList
          code={code}
          view={view}
          reloadKey={reloadKey}
          onLoaded={setOrganization}
          onView={(next) =>
            update({ page: String(next.page), sort: next.sort, status: next.status, login: next.login })
          }
          onOpen={openContact}
          onRegistered={can(who, 'SELF_SERVICE_REGISTRATION', 'EDIT') ? () => setReloadKey((n) => n + 1) : undefined}
          openId={selected}
          onNew={
            editsContacts
              ? () => {
                  setSaved(0);
                  update({ contact: 'new' }, { fresh: fresh + 1 });
                }
              : undefined
          }
        />
      )}
      {code && organization?.code === code && selected === 'new' && editsContacts && (
        <OpenedPanel openKey={`new.${fresh}`} ready label="New contact">
          <ContactForm
            key={fresh}
            contact={null}
            organizationId={organization.id}
            editable
            onSaved={(contact) => {
              setSaved((n) => n + 1);
              setReloadKey((n) => n + 1);
              update({ contact: contact.id });
            }}
            onReload={() => undefined}
          />
        </OpenedPanel>
      )}
      {code && organization?.code === code && selected && selected !== 'new' && (
        <ContactEditor
          contactId={selected}
          opened={opened}
          saved={saved}
          organizationId={organization.id}
          me={who}
          reloadKey={reloadKey}
          onSaved={() => {
            setSaved((n) => n + 1);
            setReloadKey((n) => n + 1);
          }}
          onChanged={() => setReloadKey((n) => n + 1)}
        />
      )}
      {code && (
        <p>
          <Link to={staff ? `/organization/settings?org=${encodeURIComponent(code)}` : '/organization/settings'}>
            Organization settings
          </Link>
        </p>
      )}
      {code && can(who, 'ORGANIZATION_DETAILS', 'EDIT') && <InternetAccessRequests code={code} reloadKey={reloadKey} />}
      {code && organization?.code === code && selected && (
        // The organization's own panels are about no one contact: shown with the list alone, not under each contact.
        <p>
          <a
            href={`?org=${encodeURIComponent(code)}`}
            onClick={(e) => {
              e.preventDefault();
              update({ contact: null });
            }}
          >
            Close the contact: Organization health and Mass email upload
          </a>
        </p>
      )}
      {code && organization?.code === code && !selected && (
        <OrganizationHealth
          code={code}
          organizationId={organization.id}
          canEdit={editsContacts}
          reloadKey={reloadKey}
          onChanged={() => setReloadKey((n) => n + 1)}
          onOpen={openContact}
        />
      )}
    </Page>
  );
}
