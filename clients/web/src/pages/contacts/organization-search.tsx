import { useState } from 'react';
import { explain } from '../../api/api-error';
import { request } from '../../api/graphql-client';
import { ErrorMessage } from '../../components/messages';
import { ORGANIZATION_SEARCH, SearchForm } from '../../components/search-form';
import { FindOrganizationsDocument, type FindOrganizationsQuery } from '../../graphql/generated';

type Found = FindOrganizationsQuery['organizations']['items'];

/** Staff act on every organization: "Search for Organization (Hint: Org Code, Org Name)". */
export function OrganizationSearch({
  code,
  onChoose,
}: {
  /** The organization shown (the page's address): the box says which, also after a reload or a choice from the list. */
  code: string | null;
  onChoose: (code: string) => void;
}) {
  const [search, setSearch] = useState(code ?? '');
  const [shown, setShown] = useState(code);
  if (code !== shown) {
    setShown(code);
    if (code) setSearch(code);
  }
  const [found, setFound] = useState<Found | null>(null);
  const [problem, setProblem] = useState<string[]>([]);
  const [failure, setFailure] = useState<string | null>(null);

  async function submit() {
    setFailure(null);
    if (!search.trim()) {
      setProblem(['Type an organization code, or a part of its name.']);
      return;
    }
    setProblem([]);
    try {
      const { organizations } = await request(FindOrganizationsDocument, { search: search.trim() });
      if (organizations.items.length === 1) onChoose(organizations.items[0].code);
      setFound(organizations.items);
    } catch (error) {
      setFailure(explain(error));
    }
  }

  return (
    <section aria-labelledby="org-search-heading" className="panel panel-first">
      <h2 id="org-search-heading">Search for Organization</h2>
      {failure && <ErrorMessage>{failure}</ErrorMessage>}
      <SearchForm
        label={ORGANIZATION_SEARCH}
        value={search}
        onChange={setSearch}
        errors={problem}
        onSearch={() => void submit()}
        className="inline-form"
      />
      {found && found.length === 0 && (
        <p role="status">No organization matches “{search.trim()}”. Check the code, or try a part of the name.</p>
      )}
      {found && found.length > 1 && (
        <ul className="links links-column" aria-label="Organizations found">
          {found.map((o) => (
            <li key={o.id}>
              <button type="button" className="link-button link-button-inline" onClick={() => onChoose(o.code)}>
                {o.displayName}
              </button>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
