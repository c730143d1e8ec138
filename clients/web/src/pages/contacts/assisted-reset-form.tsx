import { useState, type FormEvent } from 'react';
import { explain } from '../../api/api-error';
import { request } from '../../api/graphql-client';
import { ErrorMessage } from '../../components/messages';
import { clock } from '../../format';
import { TextField } from '../../components/text-field';
import { StartAssistedResetDocument } from '../../graphql/generated';

const MAX_FACTS = 10;

/**
 * An assisted reset, for a person whose email does not reach them: the administrator lists the
 * identity facts they checked (at least one), then reads the one-time code out; it is shown once.
 */
export function AssistedResetForm({
  contactId,
  userName,
  onDone,
}: {
  contactId: string;
  userName: string;
  onDone: () => void;
}) {
  const [facts, setFacts] = useState<string[]>(['']);
  const [missing, setMissing] = useState<string[]>([]);
  const [failure, setFailure] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [issued, setIssued] = useState<{ code: string; expiresAt: string } | null>(null);

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (busy) return;
    const checked = facts.map((f) => f.trim()).filter(Boolean);
    setMissing(checked.length ? [] : ['Write down at least one fact you checked, for example "date of birth".']);
    setFailure(null);
    if (!checked.length) return;
    setBusy(true);
    try {
      const answer = (await request(StartAssistedResetDocument, { contactId, identityChecks: checked }))
        .startAssistedReset;
      setIssued(answer);
    } catch (error) {
      setFailure(explain(error));
    } finally {
      setBusy(false);
    }
  }

  if (issued) {
    const groups = issued.code.split('-');
    return (
      <div className="assisted-reset" role="status">
        <h3>One-time code for {userName}</h3>
        <p>Read this code out to the person. It is shown only now.</p>
        <p className="one-time-code" aria-label={`Code: ${groups.map((g) => g.split('').join(' ')).join(', ')}`}>
          {groups.map((group, i) => (
            <span key={i}>{group}</span>
          ))}
        </p>
        <p>
          It works once, until <strong>{clock(issued.expiresAt)}</strong> (15 minutes). The person enters it with a new
          password at <strong>{`${window.location.origin}/self-service/assisted-reset`}</strong>. A new code, or a
          password change, ends this one.
        </p>
        <div className="actions">
          <button type="button" className="button button-secondary" onClick={onDone}>
            Done
          </button>
        </div>
      </div>
    );
  }

  return (
    <form onSubmit={submit} noValidate aria-busy={busy} className="assisted-reset">
      <h3>Assisted reset</h3>
      <p>
        For a person whose email does not reach them. Check who they are first, by phone or in person, and write down
        what you checked: it goes into the audit trail with your name.
      </p>
      {failure && <ErrorMessage>{failure}</ErrorMessage>}
      <fieldset className="plain-fieldset">
        <legend>Identity facts checked</legend>
        {facts.map((fact, i) => (
          <TextField
            key={i}
            label={`Fact checked ${i + 1}`}
            hint={
              i === 0
                ? 'Name the fact, not its value: for example date of birth, employee number, called back on the number HR holds.'
                : undefined
            }
            value={fact}
            maxLength={200}
            onChange={(e) => setFacts(facts.map((f, j) => (j === i ? e.target.value : f)))}
            errors={i === 0 ? missing : undefined}
          />
        ))}
      </fieldset>
      <div className="actions">
        {facts.length < MAX_FACTS && (
          <button type="button" className="button button-secondary" onClick={() => setFacts([...facts, ''])}>
            Add another fact
          </button>
        )}
        <button type="submit" className="button">
          Give a one-time code
        </button>
        <button type="button" className="button button-secondary" onClick={onDone}>
          Cancel
        </button>
      </div>
    </form>
  );
}
