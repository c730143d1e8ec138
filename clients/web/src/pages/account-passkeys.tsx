import { useState, type FormEvent } from 'react';
import { explain } from '../api/api-error';
import { request } from '../api/graphql-client';
import { useQuery } from '../api/use-query';
import { ConfirmDialog } from '../components/confirm-dialog';
import { ErrorMessage, Notice } from '../components/messages';
import { TextField } from '../components/text-field';
import { when } from '../format';
import {
  FinishPasskeyRegistrationDocument,
  MyPasskeysDocument,
  RemovePasskeyDocument,
  StartPasskeyRegistrationDocument,
} from '../graphql/generated';
import { ceremonyFailure, passkeyRegistration, passkeysSupported } from '../session/passkey-ceremony';
import type { StepUp } from '../components/step-up-proof';

/** Passkeys on /account: add several, each named, optionally signing in without the password; remove them. */
export function PasskeysPanel({ stepUp, onChanged }: { stepUp: StepUp; onChanged: () => void }) {
  const passkeys = useQuery(MyPasskeysDocument, {});
  const [name, setName] = useState('');
  const [passwordless, setPasswordless] = useState(false);
  const [problem, setProblem] = useState<string[]>([]);
  const [failure, setFailure] = useState<string | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const [removing, setRemoving] = useState<{ id: string; label: string } | null>(null);

  async function add(event: FormEvent) {
    event.preventDefault();
    setFailure(null);
    setDone(null);
    const named = name.trim();
    setProblem(named ? [] : ['Give the passkey a name you will recognise, such as "Work laptop".']);
    if (!named) return;
    try {
      const given = await stepUp.proof();
      if (!given) return;
      const { token, options } = (await request(StartPasskeyRegistrationDocument, given)).startPasskeyRegistration;
      stepUp.clear();
      let response: string;
      try {
        response = await passkeyRegistration(options);
      } catch (error) {
        setFailure(ceremonyFailure(error));
        return;
      }
      await request(FinishPasskeyRegistrationDocument, { token, response, name: named, passwordless });
      setDone(`Passkey "${named}" added.`);
      setName('');
      setPasswordless(false);
      passkeys.reload();
      onChanged();
    } catch (error) {
      setFailure(stepUp.refusal(error) ?? explain(error));
    }
  }

  async function remove(id: string, label: string) {
    setRemoving(null);
    setFailure(null);
    try {
      const given = await stepUp.proof();
      if (!given) return;
      await request(RemovePasskeyDocument, { id, ...given });
      stepUp.clear();
      setDone(`Passkey "${label}" removed.`);
      passkeys.reload();
      onChanged();
    } catch (error) {
      setFailure(stepUp.refusal(error) ?? explain(error));
    }
  }

  const list = passkeys.data?.me.passkeys ?? [];
  return (
    <section aria-labelledby="passkeys-heading" className="panel">
      <h2 id="passkeys-heading">Passkeys</h2>
      <p>
        A passkey is kept by this device (or your phone or security key) and unlocked with its PIN or fingerprint. After
        your password, it can stand in for a code; if you choose so, it signs you in on its own.
      </p>
      {done && <Notice>{done}</Notice>}
      {removing && (
        <ConfirmDialog
          question={`Remove the passkey "${removing.label}"?`}
          detail="It will no longer sign you in. You are asked to prove it is you first, and emailed after."
          confirm="Remove"
          onConfirm={() => void remove(removing.id, removing.label)}
          onCancel={() => setRemoving(null)}
        />
      )}
      {failure && <ErrorMessage>{failure}</ErrorMessage>}
      {passkeys.status === 'failed' && <ErrorMessage>{explain(passkeys.error)}</ErrorMessage>}
      {list.length > 0 ? (
        <ul className="passkeys" aria-label="Your passkeys">
          {list.map((passkey) => (
            <li key={passkey.id}>
              <strong>{passkey.name}</strong> — added {when(passkey.createdAt)}
              {passkey.lastUsedAt ? `, last used ${when(passkey.lastUsedAt)}` : ', not used yet'}
              {passkey.passwordless ? '; signs in without the password' : ''}{' '}
              <button
                type="button"
                className="button button-secondary"
                onClick={() => setRemoving({ id: passkey.id, label: passkey.name })}
              >
                Remove {passkey.name}
              </button>
            </li>
          ))}
        </ul>
      ) : (
        passkeys.status === 'done' && <p>You have no passkey yet.</p>
      )}
      {passkeysSupported() ? (
        <form onSubmit={add} noValidate>
          <TextField
            label="Passkey name"
            maxLength={60}
            value={name}
            onChange={(e) => setName(e.target.value)}
            errors={problem}
          />
          <div className="checkbox">
            <input
              id="passkey-passwordless"
              type="checkbox"
              checked={passwordless}
              onChange={(e) => setPasswordless(e.target.checked)}
            />
            <label htmlFor="passkey-passwordless">Sign in with this passkey alone, without my password</label>
          </div>
          <div className="actions">
            <button type="submit" className="button">
              Add a passkey
            </button>
          </div>
        </form>
      ) : (
        <p>This browser cannot make passkeys.</p>
      )}
    </section>
  );
}
