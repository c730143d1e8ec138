import { useId, useState, type FormEvent } from 'react';
import { Link, useSearchParams } from 'react-router';
import { ApiError, explain } from '../api/api-error';
import { request } from '../api/graphql-client';
import { can, useMe } from '../api/use-me';
import { useQuery } from '../api/use-query';
import { ErrorMessage, ErrorSummary, Notice } from '../components/messages';
import { sentence } from '../components/password-rules';
import { Page } from '../components/page';
import { TextField } from '../components/text-field';
import { spokenDuration } from '../format';
import {
  OrganizationSettingsDocument,
  UpdateOrganizationSettingsDocument,
  type OrganizationInput,
  type OrganizationSettingsFragment,
  type OrganizationType,
} from '../graphql/generated';
import { OrganizationSearch } from './contacts/organization-search';
import { ProvisioningTokens } from './provisioning-tokens';

const SAVED = 'All changes successfully saved.';
const TITLE = 'Organization Settings';

const TYPES: { value: OrganizationType; label: string }[] = [
  { value: 'COUNTY_OFFICE_OF_EDUCATION', label: 'County Office of Education' },
  { value: 'SCHOOL_DISTRICT', label: 'School District' },
  { value: 'COMMUNITY_COLLEGE_DISTRICT', label: 'Community College District' },
  { value: 'CHARTER_SCHOOL', label: 'Charter School' },
  { value: 'NHS_TRUST', label: 'NHS Trust' },
  { value: 'OTHER', label: 'Other' },
];
const ADDRESS: { key: keyof Address; label: string; autoComplete: string }[] = [
  { key: 'line1', label: 'Address Line 1', autoComplete: 'address-line1' },
  { key: 'line2', label: 'Address Line 2', autoComplete: 'address-line2' },
  { key: 'city', label: 'City', autoComplete: 'address-level2' },
  { key: 'state', label: 'State', autoComplete: 'address-level1' },
  { key: 'postalCode', label: 'Postal Code', autoComplete: 'postal-code' },
  { key: 'country', label: 'Country', autoComplete: 'country-name' },
];
type Address = { line1: string; line2: string; city: string; state: string; postalCode: string; country: string };
interface Values {
  name: string;
  organizationType: OrganizationType;
  address: Address;
  helpMessage: string;
  internalOnlyEmailDomains: string;
  approvedEmailDomains: string;
  automaticInternetAccess: boolean;
  secondFactorRequired: boolean;
}

const valuesOf = (o: OrganizationSettingsFragment): Values => ({
  name: o.name,
  organizationType: o.organizationType,
  address: Object.fromEntries(ADDRESS.map(({ key }) => [key, o.address[key] ?? ''])) as Address,
  helpMessage: o.helpMessage ?? '',
  internalOnlyEmailDomains: o.internalOnlyEmailDomains.join(', '),
  approvedEmailDomains: o.approvedEmailDomains.join(', '),
  automaticInternetAccess: o.automaticInternetAccess,
  secondFactorRequired: o.secondFactorRequired,
});

/** Only what changed: the server keeps everything else as it is (and someone else's edits with it). */
function changesOf(before: Values, after: Values): OrganizationInput {
  const input: OrganizationInput = {};
  if (after.name.trim() !== before.name) input.name = after.name.trim();
  if (after.organizationType !== before.organizationType) input.organizationType = after.organizationType;
  if (after.helpMessage.trim() !== before.helpMessage) input.helpMessage = after.helpMessage.trim();
  if (after.internalOnlyEmailDomains.trim() !== before.internalOnlyEmailDomains)
    input.internalOnlyEmailDomains = domainsOf(after.internalOnlyEmailDomains);
  if (after.approvedEmailDomains.trim() !== before.approvedEmailDomains)
    input.approvedEmailDomains = domainsOf(after.approvedEmailDomains);
  if (after.automaticInternetAccess !== before.automaticInternetAccess)
    input.automaticInternetAccess = after.automaticInternetAccess;
  if (after.secondFactorRequired !== before.secondFactorRequired)
    input.secondFactorRequired = after.secondFactorRequired;
  const address = Object.fromEntries(
    ADDRESS.filter(({ key }) => after.address[key].trim() !== before.address[key]).map(({ key }) => [
      key,
      after.address[key].trim(),
    ]),
  );
  if (Object.keys(address).length) input.address = address;
  return input;
}

/** The labels of the fields the server may refuse, by the name of their input field. */
const LABELS: Record<string, string> = {
  name: 'Organization Name',
  helpMessage: 'Find your administrator help message',
  internalOnlyEmailDomains: 'Internal-only email domains',
  approvedEmailDomains: 'Approved email domains',
  ...Object.fromEntries(ADDRESS.map(({ key, label }) => [key, label])),
};
/** The fields in the order they are shown: the error summary lists problems in it. */
const FIELD_ORDER = [
  'name',
  ...ADDRESS.map(({ key }) => key as string),
  'helpMessage',
  'internalOnlyEmailDomains',
  'approvedEmailDomains',
];

// Domains are typed as one line, separated by commas or spaces.
const domainsOf = (line: string) => line.split(/[\s,]+/).filter(Boolean);

/**
 * The server's refusals by field (`input.address.city`, `input.approvedEmailDomains.2`), each a
 * sentence to show at its field; a refused domain is named, from the list that was sent.
 */
function problemsOf(error: ApiError, values: Values): Record<string, string[]> {
  const problems: Record<string, string[]> = {};
  for (const { field, message } of error.extensions.invalidFields ?? []) {
    const path = field.split('.').filter((part) => part !== 'input' && part !== 'address');
    const [name, index] = path;
    if (!LABELS[name]) continue;
    const sent =
      index !== undefined && (name === 'internalOnlyEmailDomains' || name === 'approvedEmailDomains')
        ? domainsOf(values[name])[Number(index)]
        : undefined;
    (problems[name] ??= []).push(
      sent === undefined
        ? sentence(LABELS[name], message)
        : `${LABELS[name]}: “${sent}” ${message.replace(/\.$/, '')}.`,
    );
  }
  return problems;
}

/**
 * What a change of the sign-in rules does to the people signed in now: said with the save. A
 * session meets the new rules when it renews, at the latest when its access token expires: the
 * server says how long that is (`delaySeconds`).
 */
function consequences(input: OrganizationInput, delaySeconds: number): string[] {
  const said: string[] = [];
  const delay = spokenDuration(delaySeconds);
  if (input.automaticInternetAccess === false)
    said.push(
      `Internet access is off: people signed in from the internet keep their session for at most ${delay}, until it renews; then they are signed out, unless an administrator approved their request for internet access. They can ask for it when they sign in.`,
    );
  if (input.automaticInternetAccess === true)
    said.push('Internet access is on: everyone may now sign in from the internet.');
  if (input.secondFactorRequired === true)
    said.push(
      `A second factor is now required: people signed in without one are signed out when their session renews, within at most ${delay}, and their next sign-in asks them to set one up first.`,
    );
  if (input.secondFactorRequired === false)
    said.push('A second factor is no longer required: people without one sign in with their password alone.');
  return said;
}

/** Read-only settings, as the Self Service Details panel shows its fields. */
function Details({ rows }: { rows: [string, string][] }) {
  return (
    <dl className="details">
      {rows.map(([term, value]) => (
        <div key={term}>
          <dt>{term}</dt>
          <dd>{value}</dd>
        </div>
      ))}
    </dl>
  );
}

function SettingsForm({
  organization,
  editable,
  onSaved,
}: {
  organization: OrganizationSettingsFragment;
  editable: boolean;
  onSaved: (saved: OrganizationSettingsFragment, notes: string[]) => void;
}) {
  const id = useId();
  const before = valuesOf(organization);
  const [values, setValues] = useState<Values>(before);
  // What is wrong, by field: the page's own check of the name, or the server's refusal.
  const [problems, setProblems] = useState<Record<string, string[]>>({});
  const [failure, setFailure] = useState<unknown>(null);
  // Each failed Save shows the summary anew, so it takes focus again.
  const [attempt, setAttempt] = useState(0);
  const fieldId = (name: string) => `${id}-${name}`;
  const [busy, setBusy] = useState(false);
  const setAddress = (key: keyof Address, value: string) =>
    setValues((v) => ({ ...v, address: { ...v.address, [key]: value } }));

  async function save(event: FormEvent) {
    event.preventDefault();
    if (busy) return;
    setFailure(null);
    setProblems({});
    if (!values.name.trim()) {
      setProblems({ name: ['Enter the name of the organization.'] });
      setAttempt((n) => n + 1);
      return;
    }
    const input = changesOf(before, values);
    setBusy(true);
    try {
      const saved = await request(UpdateOrganizationSettingsDocument, {
        id: organization.id,
        expectedVersion: organization.version,
        input,
      });
      onSaved(saved.updateOrganization, consequences(input, organization.sessionRuleDelaySeconds));
    } catch (error) {
      if (error instanceof ApiError && error.code === 'BAD_USER_INPUT') setProblems(problemsOf(error, values));
      setAttempt((n) => n + 1);
      setFailure(error);
    } finally {
      setBusy(false);
    }
  }

  if (!editable) {
    const type = TYPES.find((t) => t.value === organization.organizationType)?.label ?? organization.organizationType;
    return (
      <section className="panel" aria-labelledby={`${id}-details`}>
        <h2 id={`${id}-details`}>Organization Details</h2>
        <Details
          rows={[
            ['Organization Code', organization.code],
            ['Organization Name', organization.name],
            ['Organization Type', type],
          ]}
        />
        <h2>Organization Address</h2>
        <Details rows={ADDRESS.map(({ key, label }) => [label, organization.address[key] || '—'])} />
        <h2>Sign-in rules</h2>
        <Details
          rows={[
            ['Find your administrator help message', organization.helpMessage || 'None'],
            ['Internal-only email domains', organization.internalOnlyEmailDomains.join(', ') || 'None'],
            ['Approved email domains', organization.approvedEmailDomains.join(', ') || 'Any'],
            ['Automatic Internet Access', organization.automaticInternetAccess ? 'On' : 'Off'],
            ['Require a second factor', organization.secondFactorRequired ? 'Yes' : 'No'],
          ]}
        />
        <p>Only an administrator of your organization can change these settings.</p>
      </section>
    );
  }

  const conflict = failure instanceof ApiError && failure.code === 'CONFLICT';
  const listed = FIELD_ORDER.flatMap((name) => (problems[name] ?? []).map((text) => ({ target: fieldId(name), text })));
  return (
    <form onSubmit={save} noValidate aria-busy={busy}>
      {conflict ? (
        <ErrorMessage title="Someone else saved these settings">
          <p>
            The settings were changed by someone else after you opened them, so your changes were not saved. Reload the
            page to see the current settings, then make your changes again.
          </p>
        </ErrorMessage>
      ) : listed.length > 0 ? (
        <ErrorSummary key={attempt} problems={listed} />
      ) : (
        failure !== null && <ErrorMessage key={attempt}>{explain(failure)}</ErrorMessage>
      )}
      <fieldset className="panel">
        <legend>
          <h2>Organization Details</h2>
        </legend>
        <p className="hint">Fields marked * are required.</p>
        <div className="form-grid">
          <TextField label="Organization Code" value={organization.code} readOnly />
          <TextField
            label="Organization Name"
            markRequired
            maxLength={200}
            value={values.name}
            onChange={(e) => setValues((v) => ({ ...v, name: e.target.value }))}
            errors={problems.name}
            id={fieldId('name')}
            name="name"
          />
          <div className="field">
            <label htmlFor={`${id}-type`}>Organization Type</label>
            <select
              id={`${id}-type`}
              value={values.organizationType}
              onChange={(e) => setValues((v) => ({ ...v, organizationType: e.target.value as OrganizationType }))}
            >
              {TYPES.map((t) => (
                <option key={t.value} value={t.value}>
                  {t.label}
                </option>
              ))}
            </select>
          </div>
        </div>
      </fieldset>
      <fieldset className="panel">
        <legend>
          <h2>Organization Address</h2>
        </legend>
        <div className="form-grid">
          {ADDRESS.map(({ key, label, autoComplete }) => (
            <TextField
              key={key}
              label={label}
              autoComplete={autoComplete}
              value={values.address[key]}
              onChange={(e) => setAddress(key, e.target.value)}
              errors={problems[key]}
              id={fieldId(key)}
            />
          ))}
        </div>
      </fieldset>
      <fieldset className="panel">
        <legend>
          <h2>Sign-in rules</h2>
        </legend>
        <TextField
          label="Find your administrator help message"
          hint='Shown to anyone who searches for your organization on "Find your administrator", for example: contact HR on 555 0100.'
          maxLength={300}
          value={values.helpMessage}
          onChange={(e) => setValues((v) => ({ ...v, helpMessage: e.target.value }))}
          errors={problems.helpMessage}
          id={fieldId('helpMessage')}
        />
        <TextField
          label="Internal-only email domains"
          hint="Mail to these domains reaches people only inside your network (for example: intranet.nhs.example). Separate them with commas."
          maxLength={2000}
          value={values.internalOnlyEmailDomains}
          onChange={(e) => setValues((v) => ({ ...v, internalOnlyEmailDomains: e.target.value }))}
          errors={problems.internalOnlyEmailDomains}
          id={fieldId('internalOnlyEmailDomains')}
        />
        <TextField
          label="Approved email domains"
          hint="The domains your contacts should ideally use; another address can still be saved, with a warning. Empty: any."
          maxLength={2000}
          value={values.approvedEmailDomains}
          onChange={(e) => setValues((v) => ({ ...v, approvedEmailDomains: e.target.value }))}
          errors={problems.approvedEmailDomains}
          id={fieldId('approvedEmailDomains')}
        />
        <div className="checkbox">
          <input
            type="checkbox"
            id={`${id}-internet`}
            aria-describedby={`${id}-internet-hint`}
            checked={values.automaticInternetAccess}
            onChange={(e) => setValues((v) => ({ ...v, automaticInternetAccess: e.target.checked }))}
          />
          <label htmlFor={`${id}-internet`}>Automatic Internet Access</label>
        </div>
        <p className="hint" id={`${id}-internet-hint`}>
          Off: your people sign in from your internal network only, unless you approve their request for internet
          access.
        </p>
        <div className="checkbox">
          <input
            type="checkbox"
            id={`${id}-second-factor`}
            aria-describedby={`${id}-second-factor-hint`}
            checked={values.secondFactorRequired}
            onChange={(e) => setValues((v) => ({ ...v, secondFactorRequired: e.target.checked }))}
          />
          <label htmlFor={`${id}-second-factor`}>Require a second factor</label>
        </div>
        <p className="hint" id={`${id}-second-factor-hint`}>
          On: everyone signs in with an authenticator app or a passkey as well as the password; those without one set it
          up at their next sign-in.
        </p>
      </fieldset>
      <div className="actions">
        <button type="submit" className="button">
          Save
        </button>
      </div>
    </form>
  );
}

/** The organization's own settings: details, address, the help message, the sign-in rules. */
export function OrganizationSettingsPage() {
  const me = useMe();
  const [params, setParams] = useSearchParams();
  const [saved, setSaved] = useState<{ notes: string[]; organization: OrganizationSettingsFragment } | null>(null);
  const who = me.data?.me;
  const staff = who?.kind === 'STAFF';
  const code = staff ? params.get('org') : (who?.organization?.code ?? null);
  const settings = useQuery(OrganizationSettingsDocument, { code: code ?? '' }, saved?.organization.version ?? 0);

  if (me.status === 'failed')
    return (
      <Page title={TITLE}>
        <ErrorMessage>{explain(me.error)}</ErrorMessage>
      </Page>
    );
  if (!who) return <p role="status">Loading…</p>;
  const loaded = code ? settings.data?.organization : null;
  // The save's own answer until the reload brings it: a form left on the version before the save
  // would compare the next change with stale values and send a stale version.
  const organization =
    saved && loaded && saved.organization.id === loaded.id && saved.organization.version > loaded.version
      ? saved.organization
      : loaded;
  const editable = can(who, 'ORGANIZATION_DETAILS', 'EDIT');
  return (
    <Page title={TITLE} wide>
      {saved && (
        <Notice>
          <p>{SAVED}</p>
          {saved.notes.map((note) => (
            <p key={note}>{note}</p>
          ))}
        </Notice>
      )}
      {staff && (
        <OrganizationSearch
          code={code}
          onChoose={(chosen) => {
            setSaved(null);
            setParams(new URLSearchParams({ org: chosen }));
          }}
        />
      )}
      {code && settings.status === 'failed' && <ErrorMessage>{explain(settings.error)}</ErrorMessage>}
      {code && settings.status === 'loading' && <p role="status">Loading…</p>}
      {organization && (
        <>
          <p>
            <strong>
              {organization.code}-{organization.name}
            </strong>
          </p>
          <SettingsForm
            key={`${organization.id}.${organization.version}`}
            organization={organization}
            editable={editable}
            onSaved={(next, notes) => {
              setSaved({ notes, organization: next });
              window.scrollTo({ top: 0 });
            }}
          />
          {can(who, 'ORGANIZATION_CONTACTS', 'EDIT') && (
            <ProvisioningTokens code={organization.code} organizationId={organization.id} />
          )}
        </>
      )}
      <p>
        <Link to={staff && code ? `/organization/contacts?org=${encodeURIComponent(code)}` : '/organization/contacts'}>
          Back to contact maintenance
        </Link>
      </p>
    </Page>
  );
}
