import { useId, useState, type FormEvent } from 'react';
import { ApiError, explain } from '../../api/api-error';
import { request } from '../../api/graphql-client';
import { ErrorMessage, ErrorSummary, Notice } from '../../components/messages';
import { sentence } from '../../components/password-rules';
import { TextField } from '../../components/text-field';
import { useDraft } from '../../components/use-draft';
import { useUnsavedChanges } from '../../components/use-unsaved-changes';
import { CONTACT_STATUSES, GENDERS, LABEL, TEXT_FIELDS, type Text } from '../../contact-labels';
import { CONTACT_TYPES } from '../../contact-types';
import {
  NewContactDocument,
  SaveContactDocument,
  type ContactDetailsFragment,
  type ContactStatus,
  type ContactType,
  type Gender,
} from '../../graphql/generated';

type Values = Record<Text, string> & { gender: Gender | ''; status: ContactStatus | ''; contactTypes: ContactType[] };

const valuesOf = (contact: ContactDetailsFragment | null): Values => ({
  firstName: contact?.firstName ?? '',
  middleName: contact?.middleName ?? '',
  lastName: contact?.lastName ?? '',
  namePrefix: contact?.namePrefix ?? '',
  nameSuffix: contact?.nameSuffix ?? '',
  primaryPhoneNumber: contact?.primaryPhoneNumber ?? '',
  primaryPhoneExtension: contact?.primaryPhoneExtension ?? '',
  secondaryPhoneNumber: contact?.secondaryPhoneNumber ?? '',
  mobilePhoneNumber: contact?.mobilePhoneNumber ?? '',
  primaryEmail: contact?.primaryEmail ?? '',
  confirmPrimaryEmail: contact?.primaryEmail ?? '',
  secondaryEmail: contact?.secondaryEmail ?? '',
  jobTitle: contact?.jobTitle ?? '',
  temporaryEmailReviewBy: contact?.temporaryEmailReviewBy ?? '',
  directoryContact: contact?.directoryContact ?? '',
  gender: contact?.gender ?? '',
  status: contact?.status ?? (contact ? '' : 'ACTIVE'),
  contactTypes: contact?.contactTypes ?? [],
});

// The server's format rules (contact-form.inputs.ts), checked here too so that one Save reports
// every problem at once instead of the formats only after the required fields are filled.
const PHONE = (v: string) => /^\+?[0-9 ().-]+$/.test(v) && v.replace(/\D/g, '').length >= 7;
const EMAIL = (v: string) => /^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(v);
const FORMATS: { name: Text; valid: (v: string) => boolean; problem: string }[] = [
  { name: 'primaryPhoneNumber', valid: PHONE, problem: 'is not a phone number' },
  { name: 'primaryPhoneExtension', valid: (v) => /^[0-9]+$/.test(v), problem: 'must be digits only' },
  { name: 'secondaryPhoneNumber', valid: PHONE, problem: 'is not a phone number' },
  { name: 'mobilePhoneNumber', valid: PHONE, problem: 'is not a phone number' },
  { name: 'primaryEmail', valid: EMAIL, problem: 'is not an email address' },
  { name: 'secondaryEmail', valid: EMAIL, problem: 'is not an email address' },
];

function problemsOf(values: Values): Record<string, string[]> {
  const problems: Record<string, string[]> = {};
  const add = (field: string, text: string) => (problems[field] ??= []).push(text);
  for (const field of TEXT_FIELDS)
    if (field.required && !values[field.name].trim()) add(field.name, `Enter the ${field.label}.`);
  for (const { name, valid, problem } of FORMATS) {
    const value = values[name].trim();
    if (value && !valid(value)) add(name, sentence(LABEL[name], problem));
  }
  if (
    values.primaryEmail.trim() &&
    values.confirmPrimaryEmail.trim().toLowerCase() !== values.primaryEmail.trim().toLowerCase()
  ) {
    add('confirmPrimaryEmail', 'The two email addresses are not the same. Type the primary email address again.');
  }
  if (!values.status) add('status', 'Choose a Status.');
  if (values.contactTypes.length === 0) add('contactTypes', 'Check at least one contact type.');
  return problems;
}

/** The form's fields in the order they are shown: the error summary lists problems in it. */
const FIELD_ORDER = [...TEXT_FIELDS.map((f) => f.name as string), 'gender', 'status', 'contactTypes'];

/** What the reader of a refused Save should do next, for the API's own codes. */
const SAVE_CODES = {
  LAST_ADMINISTRATOR:
    'This change would leave the organization without an active Administrator, so it was not saved. Give another active contact the Administrator type first, then try again.',
};

/** The Contact Details and Contact Types panels, and Save ("All changes successfully saved."). */
export function ContactForm(props: {
  contact: ContactDetailsFragment | null;
  organizationId: string;
  editable: boolean;
  onSaved: (contact: ContactDetailsFragment) => void;
  onReload: () => void;
  /** What to point out without refusing the save: an address outside the organization's approved domains. */
  warnings?: string[];
}) {
  const { contact, organizationId, editable, onSaved, onReload, warnings = [] } = props;
  const id = useId();
  const [values, setValues, restored] = useDraft<Values>(`contact:${contact?.id ?? `new:${organizationId}`}`, () =>
    valuesOf(contact),
  );
  const [pristine] = useState(() => JSON.stringify(valuesOf(contact)));
  const guard = useUnsavedChanges(editable && JSON.stringify(values) !== pristine);
  const [problems, setProblems] = useState<Record<string, string[]>>({});
  const [failure, setFailure] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  // Each failed Save shows the summary anew, so it takes focus again.
  const [attempt, setAttempt] = useState(0);
  const set = (name: keyof Values, value: string | ContactType[]) => setValues((v) => ({ ...v, [name]: value }));

  async function save(event: FormEvent) {
    event.preventDefault();
    if (busy) return;
    setFailure(null);
    const found = problemsOf(values);
    setProblems(found);
    if (Object.keys(found).length) {
      setAttempt((n) => n + 1);
      setFailure(new ApiError('', 'BAD_USER_INPUT', found));
      return;
    }
    const optional = (v: string) => (v.trim() ? v.trim() : null);
    const input = {
      firstName: values.firstName.trim(),
      lastName: values.lastName.trim(),
      primaryEmail: values.primaryEmail.trim(),
      confirmPrimaryEmail: values.confirmPrimaryEmail.trim(),
      status: values.status as ContactStatus,
      contactTypes: values.contactTypes,
      middleName: optional(values.middleName),
      namePrefix: optional(values.namePrefix),
      nameSuffix: optional(values.nameSuffix),
      primaryPhoneNumber: optional(values.primaryPhoneNumber),
      primaryPhoneExtension: optional(values.primaryPhoneExtension),
      secondaryPhoneNumber: optional(values.secondaryPhoneNumber),
      mobilePhoneNumber: optional(values.mobilePhoneNumber),
      secondaryEmail: optional(values.secondaryEmail),
      jobTitle: optional(values.jobTitle),
      temporaryEmailReviewBy: optional(values.temporaryEmailReviewBy),
      directoryContact: optional(values.directoryContact),
      gender: values.gender || null,
    };
    setBusy(true);
    try {
      const saved = contact
        ? (await request(SaveContactDocument, { id: contact.id, expectedVersion: contact.version, input }))
            .updateContact
        : (await request(NewContactDocument, { input: { ...input, organizationId } })).createContact;
      guard.release();
      onSaved(saved);
    } catch (error) {
      if (error instanceof ApiError && error.code === 'BAD_USER_INPUT') {
        setProblems(
          Object.fromEntries(
            Object.entries(error.fields).map(([field, texts]) => [
              field,
              texts.map((t) => sentence(LABEL[field] ?? field, t)),
            ]),
          ),
        );
      }
      setAttempt((n) => n + 1);
      setFailure(error);
    } finally {
      setBusy(false);
    }
  }

  const conflict = failure instanceof ApiError && failure.code === 'CONFLICT';
  const fieldId = (name: string) => (name === 'contactTypes' ? `${id}-${CONTACT_TYPES[0].key}` : `${id}-${name}`);
  const listed = FIELD_ORDER.flatMap((name) => (problems[name] ?? []).map((text) => ({ target: fieldId(name), text })));
  return (
    <section aria-labelledby={`${id}-heading`} className="panel">
      {guard.prompt}
      <h2 id={`${id}-heading`}>{contact ? `Contact Details: ${contact.fullName}` : 'Contact Details: new contact'}</h2>
      {conflict ? (
        <ErrorMessage title="Someone else saved this contact">
          <p>
            This contact was changed by someone else after you opened it, so your changes were not saved. Reload it to
            see the current details, then make your changes again.
          </p>
          <button type="button" className="button button-secondary" onClick={onReload}>
            Reload contact
          </button>
        </ErrorMessage>
      ) : (
        failure !== null &&
        (failure instanceof ApiError && failure.code === 'BAD_USER_INPUT' && listed.length ? (
          <ErrorSummary key={attempt} problems={listed} />
        ) : (
          <ErrorMessage key={attempt}>{explain(failure, SAVE_CODES)}</ErrorMessage>
        ))
      )}
      {restored && failure === null && (
        <Notice>Your session ended before you saved: what you had typed is back. Check it, then Save.</Notice>
      )}
      {warnings.length > 0 && (
        <div className="message message-warning" role="status">
          <h3 className="message-title">Check the primary email address</h3>
          {warnings.map((warning) => (
            <p key={warning}>{warning}</p>
          ))}
        </div>
      )}
      {editable && <p className="hint">Fields marked * are required.</p>}
      <form onSubmit={save} noValidate aria-busy={busy}>
        <fieldset disabled={!editable} className="plain-fieldset">
          <legend className="visually-hidden">Contact Details</legend>
          <div className="form-grid">
            {TEXT_FIELDS.map((field) => (
              <TextField
                key={field.name}
                id={fieldId(field.name)}
                label={field.label}
                hint={field.hint}
                markRequired={field.required && editable}
                type={field.type ?? 'text'}
                autoComplete={field.autoComplete}
                value={values[field.name]}
                onChange={(e) => set(field.name, e.target.value)}
                errors={problems[field.name]}
              />
            ))}
            <div className={problems.gender ? 'field field-invalid' : 'field'}>
              <label htmlFor={`${id}-gender`}>Gender</label>
              <select id={`${id}-gender`} value={values.gender} onChange={(e) => set('gender', e.target.value)}>
                <option value="">Not given</option>
                {GENDERS.map((g) => (
                  <option key={g.value} value={g.value}>
                    {g.label}
                  </option>
                ))}
              </select>
            </div>
            <div className={problems.status ? 'field field-invalid' : 'field'}>
              <label htmlFor={`${id}-status`} className={editable ? 'required' : undefined}>
                Status
              </label>
              {problems.status && (
                <p className="field-error" id={`${id}-status-error`}>
                  {problems.status.join(' ')}
                </p>
              )}
              <select
                id={`${id}-status`}
                value={values.status}
                onChange={(e) => set('status', e.target.value)}
                aria-required={editable || undefined}
                aria-describedby={problems.status ? `${id}-status-error` : undefined}
              >
                {!values.status && <option value="">Choose</option>}
                {CONTACT_STATUSES.map((c) => (
                  <option key={c.value} value={c.value}>
                    {c.label}
                  </option>
                ))}
              </select>
            </div>
          </div>
        </fieldset>
        <fieldset
          disabled={!editable}
          className={problems.contactTypes ? 'types field-invalid' : 'types'}
          aria-describedby={problems.contactTypes ? `${id}-types-error` : undefined}
        >
          <legend>
            <h3>Contact Types</h3>
          </legend>
          {problems.contactTypes && (
            <p className="field-error" id={`${id}-types-error`}>
              {problems.contactTypes.join(' ')}
            </p>
          )}
          <div className="checkboxes">
            {CONTACT_TYPES.map((type) => (
              <div className="checkbox" key={type.key}>
                <input
                  type="checkbox"
                  id={`${id}-${type.key}`}
                  checked={values.contactTypes.includes(type.key)}
                  onChange={(e) =>
                    set(
                      'contactTypes',
                      e.target.checked
                        ? [...values.contactTypes, type.key]
                        : values.contactTypes.filter((t) => t !== type.key),
                    )
                  }
                />
                <label htmlFor={`${id}-${type.key}`}>{type.label}</label>
              </div>
            ))}
          </div>
        </fieldset>
        {editable && (
          <div className="actions">
            <button type="submit" className="button">
              Save
            </button>
          </div>
        )}
      </form>
    </section>
  );
}
