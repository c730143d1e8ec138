import { useState, type FormEvent } from 'react';
import { ApiError, explain } from '../api/api-error';
import { ErrorMessage } from '../components/messages';
import { Page } from '../components/page';
import { checkNewPassword, sentence } from '../components/password-rules';
import { NewPasswordFields } from '../components/new-password-fields';
import { TextField } from '../components/text-field';
import { changePassword, signOut } from '../session/session';

/**
 * The second step of the first sign-in: the temporary password from the registration email
 * only allows choosing one's own. After a reload the page no longer knows the temporary
 * password, so it asks for it again.
 */
export function ChoosePassword({
  temporaryPassword,
  onDone,
}: {
  temporaryPassword: string | null;
  onDone: () => void;
}) {
  const [current, setCurrent] = useState('');
  const [newPassword, setNewPassword] = useState('');
  const [confirmation, setConfirmation] = useState('');
  const [errors, setErrors] = useState<{ current: string[]; newPassword: string[]; confirmation: string[] }>({
    current: [],
    newPassword: [],
    confirmation: [],
  });
  const [failure, setFailure] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (busy) return;
    const found = {
      current: temporaryPassword || current ? [] : ['Enter the temporary password from your registration email.'],
      ...checkNewPassword(newPassword, confirmation),
    };
    setErrors(found);
    if (found.current.length || found.newPassword.length || found.confirmation.length) {
      setFailure('Some answers need correcting: see the messages beside the fields.');
      return;
    }
    setBusy(true);
    setFailure(null);
    try {
      await changePassword(temporaryPassword ?? current, newPassword);
      onDone();
    } catch (error) {
      if (error instanceof ApiError && error.code === 'BAD_USER_INPUT') {
        setErrors({
          current: (error.fields.currentPassword ?? []).map(
            () => 'The temporary password is not correct. Copy it again from your registration email.',
          ),
          newPassword: (error.fields.newPassword ?? []).map((p) => sentence('New password', p)),
          confirmation: [],
        });
      }
      setFailure(
        explain(error, {
          UNAUTHENTICATED:
            'Your temporary sign-in has ended. Sign in again with the temporary password from your email.',
        }),
      );
    } finally {
      setBusy(false);
    }
  }

  return (
    <Page title="Choose your password">
      <p>
        You signed in with a temporary password. Choose your own password to finish your registration: the temporary
        password then stops working.
      </p>
      {failure && <ErrorMessage>{failure}</ErrorMessage>}
      <form onSubmit={submit} noValidate aria-busy={busy}>
        {!temporaryPassword && (
          <TextField
            label="Temporary password"
            type="password"
            autoComplete="current-password"
            value={current}
            onChange={(e) => setCurrent(e.target.value)}
            errors={errors.current}
          />
        )}
        <NewPasswordFields
          newPassword={newPassword}
          confirmation={confirmation}
          onNewPassword={setNewPassword}
          onConfirmation={setConfirmation}
          errors={errors}
        />
        <div className="actions">
          <button type="submit" className="button">
            Change password
          </button>
          <button type="button" className="button button-secondary" onClick={() => void signOut()}>
            Sign out
          </button>
        </div>
      </form>
    </Page>
  );
}
