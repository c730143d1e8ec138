import { useState } from 'react';
import { ApiError, explain } from '../../api/api-error';
import { request } from '../../api/graphql-client';
import type { Me } from '../../api/use-me';
import { ErrorMessage } from '../../components/messages';
import { SearchForm } from '../../components/search-form';
import { statusName } from '../../format';
import { OrganizationLoginsDocument, type OrganizationLoginsQuery } from '../../graphql/generated';
import { SelfServicePanel } from './self-service-panel';

type Login = OrganizationLoginsQuery['organizationLogins']['items'][number];

/**
 * ESR's Local User Password Reset role: it may re-enroll and unlock its organization's logins but
 * not read its contacts, so it finds a login by user name and sees only the panel and its buttons.
 */
export function LoginSearch({ me }: { me: Me }) {
  const [search, setSearch] = useState('');
  const [logins, setLogins] = useState<Login[] | null>(null);
  const [selected, setSelected] = useState<string | null>(null);
  const [problem, setProblem] = useState<string[]>([]);
  const [failure, setFailure] = useState<string | null>(null);

  async function find(text = search) {
    setFailure(null);
    try {
      setLogins((await request(OrganizationLoginsDocument, { search: text.trim() })).organizationLogins.items);
    } catch (error) {
      if (error instanceof ApiError && error.fields.search)
        setProblem(error.fields.search.map((p) => `The user name ${p}.`));
      setFailure(explain(error));
    }
  }
  function submit() {
    setSelected(null);
    setProblem(search.trim().length >= 3 ? [] : ['Type at least 3 characters of the user name (the email address).']);
    if (search.trim().length >= 3) void find();
  }
  const login = logins?.find((l) => l.contactId === selected);

  return (
    <section aria-labelledby="login-search-heading" className="panel panel-first">
      <h2 id="login-search-heading">Find a self-service login</h2>
      <p>
        You may re-enroll and unlock the self-service logins of {me.organization?.displayName ?? 'your organization'}.
        Find the login by its user name.
      </p>
      {failure && <ErrorMessage>{failure}</ErrorMessage>}
      <SearchForm label="User Name (Email ID)" value={search} onChange={setSearch} errors={problem} onSearch={submit} />
      {logins && logins.length === 0 && (
        <p role="status">No login of your organization has a user name containing “{search.trim()}”.</p>
      )}
      {logins && logins.length > 0 && (
        <ul className="links links-column" aria-label="Logins found">
          {logins.map((l) => (
            <li key={l.contactId}>
              <button
                type="button"
                className="link-button link-button-inline"
                aria-pressed={l.contactId === selected}
                onClick={() => setSelected(l.contactId)}
              >
                {l.account.userName} ({statusName(l.account.status)})
              </button>
            </li>
          ))}
        </ul>
      )}
      {login && (
        <SelfServicePanel
          key={login.contactId}
          contactId={login.contactId}
          contactName={login.account.userName}
          actions={login.account.availableActions}
          account={login.account}
          me={me}
          onChanged={() => void find()}
        />
      )}
    </section>
  );
}
