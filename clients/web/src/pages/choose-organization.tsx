import { useId, useState, type FormEvent } from 'react';
import { explain } from '../api/api-error';
import { ErrorMessage } from '../components/messages';
import { Page } from '../components/page';
import { contactTypeNames } from '../contact-types';
import { chooseOrganization, type InternetAccessStep, type OrganizationChoice } from '../session/session';

/**
 * After the password, a person who acts for several organizations chooses the one to act for
 * now (rights differ per organization); "My account" switches later without the password.
 */
export function ChooseOrganization({
  choice,
  onChosen,
  onRestart,
}: {
  choice: OrganizationChoice;
  /** Signed in; or, for an organization that refuses the person only for where they are, the request step. */
  onChosen: (outcome: InternetAccessStep | null) => void;
  onRestart: (message: string) => void;
}) {
  const id = useId();
  const [chosen, setChosen] = useState('');
  const [failure, setFailure] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (busy) return;
    setFailure(null);
    if (!chosen) {
      setFailure('Choose the organization you act for now.');
      return;
    }
    setBusy(true);
    try {
      const outcome = await chooseOrganization(choice, chosen);
      onChosen('internetAccessRequestToken' in outcome ? outcome : null);
    } catch (error) {
      const message = explain(error, {
        UNAUTHENTICATED: 'Choosing took too long (5 minutes), so you are not signed in. Sign in again.',
      });
      if (message.startsWith('Choosing took too long')) onRestart(message);
      else setFailure(message);
    } finally {
      setBusy(false);
    }
  }

  return (
    <Page title="Choose an organization">
      <p>
        You act for more than one organization. Your rights differ in each, so choose the one you act for now. You can
        switch later on “My account”.
      </p>
      {failure && <ErrorMessage>{failure}</ErrorMessage>}
      <form onSubmit={submit} noValidate aria-busy={busy}>
        <fieldset className="types">
          <legend>
            <h2 className="legend-heading">Which organization do you act for now?</h2>
          </legend>
          {choice.organizations.map((organization) => (
            <div className="checkbox" key={organization.organizationId}>
              <input
                type="radio"
                name="organization"
                id={`${id}-${organization.organizationId}`}
                value={organization.organizationId}
                checked={chosen === organization.organizationId}
                onChange={() => setChosen(organization.organizationId)}
              />
              <label htmlFor={`${id}-${organization.organizationId}`}>
                {organization.organizationName}
                <span className="hint">As {contactTypeNames(organization.contactTypes)}</span>
              </label>
            </div>
          ))}
        </fieldset>
        <div className="actions">
          <button type="submit" className="button">
            Continue
          </button>
        </div>
      </form>
    </Page>
  );
}
