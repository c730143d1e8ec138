import { useState } from 'react';
import { Link } from 'react-router';
import { ApiError, explain } from '../api/api-error';
import { request } from '../api/graphql-client';
import { Helpdesk } from '../components/helpdesk';
import { ErrorMessage } from '../components/messages';
import { Page } from '../components/page';
import { ORGANIZATION_SEARCH, SearchForm } from '../components/search-form';
import { FindAdministratorsDocument, type FindAdministratorsQuery } from '../graphql/generated';

type Entry = FindAdministratorsQuery['findAdministrators'][number];

function Organization({ entry, helpdesk }: { entry: Entry; helpdesk: string | null }) {
  // Only those who can act now: active Administrators whose login can sign in.
  const administrators = entry.administratorContacts.filter((a) => a.canSignIn);
  return (
    <li className="card">
      <h3>
        {entry.organizationCode}-{entry.organizationName}
      </h3>
      {entry.helpMessage && (
        <div className="help-message">
          <p className="help-message-title">Message from your organization</p>
          <p>{entry.helpMessage}</p>
        </div>
      )}
      {administrators.length ? (
        <>
          <p>Ask one of its administrators:</p>
          <ul className="names">
            {administrators.map((a, i) => (
              <li key={`${a.name}-${i}`}>
                {a.name}
                {a.reach && <>: {a.reach}</>}
              </li>
            ))}
          </ul>
          {!entry.helpMessage && administrators.every((a) => !a.reach) && (
            <p className="hint">
              They have published no phone or email here: reach them through your organization's switchboard or
              intranet.
            </p>
          )}
        </>
      ) : (
        <>
          <p>This organization has no administrator who can help on record.</p>
          <Helpdesk contact={helpdesk} />
        </>
      )}
    </li>
  );
}

/** ESR's "Find your system administrator": public; the Administrators who can help, and how to reach them. */
export function FindAdministratorPage() {
  const [search, setSearch] = useState('');
  const [problems, setProblems] = useState<string[]>([]);
  const [result, setResult] = useState<{ search: string; entries: Entry[]; helpdesk: string | null } | null>(null);
  const [failure, setFailure] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function submit() {
    if (busy) return;
    const text = search.trim();
    setFailure(null);
    setProblems(text.length >= 2 ? [] : ['Type at least 2 characters of your organization’s code or name.']);
    if (text.length < 2) return;
    setBusy(true);
    try {
      const answer = await request(FindAdministratorsDocument, { organization: text });
      setResult({ search: text, entries: answer.findAdministrators, helpdesk: answer.helpdeskContact });
    } catch (error) {
      setResult(null);
      if (error instanceof ApiError && error.code === 'BAD_USER_INPUT')
        setProblems((error.fields.organization ?? []).map((p) => `The search ${p}.`));
      setFailure(
        explain(error, {
          RATE_LIMITED: `Too many searches from your network in a short time. Wait ${(error as ApiError).retryAfterSeconds ?? 60} seconds, then search again.`,
        }),
      );
    } finally {
      setBusy(false);
    }
  }

  return (
    <Page title="Find your administrator">
      <p>
        Locked out, or no email address on record? The administrators of your organization can unlock your login or
        re-enroll you. Search for your organization to see whom to ask.
      </p>
      {failure && <ErrorMessage>{failure}</ErrorMessage>}
      <SearchForm
        label={ORGANIZATION_SEARCH}
        value={search}
        onChange={setSearch}
        errors={problems}
        onSearch={() => void submit()}
        busy={busy}
      />
      {result && (
        <section aria-labelledby="results-heading" className="results">
          <div role="status">
            <h2 id="results-heading">
              {result.entries.length === 0
                ? `No organization matches “${result.search}”`
                : `${result.entries.length} ${result.entries.length === 1 ? 'organization matches' : 'organizations match'} “${result.search}”`}
            </h2>
          </div>
          {result.entries.length === 0 ? (
            <>
              <p>Check the code, or try a part of the name.</p>
              <Helpdesk contact={result.helpdesk} />
            </>
          ) : (
            <ul className="cards">
              {result.entries.map((entry) => (
                <Organization key={entry.organizationCode} entry={entry} helpdesk={result.helpdesk} />
              ))}
            </ul>
          )}
        </section>
      )}
      <p>
        <Link to="/sign-in">Back to Sign In</Link>
      </p>
    </Page>
  );
}
