import { useState, type FormEvent } from 'react';
import { explain, FIX_FIELDS } from '../api/api-error';
import { FormActions } from '../components/form-actions';
import { ErrorMessage, ErrorSummary } from '../components/messages';
import { Page } from '../components/page';
import { NewPasswordFields } from '../components/new-password-fields';
import { TextField } from '../components/text-field';
import { useChangePassword } from '../components/use-new-password';
import { signOut } from '../session/session';

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
  const form = useChangePassword(
    {
      missing: 'Enter the temporary password from your registration email.',
      wrong: 'The temporary password is not correct. Copy it again from your registration email.',
    },
    temporaryPassword,
  );
  const [failure, setFailure] = useState<string | null>(null);
  // Each failed submit shows its message anew, so it takes focus again.
  const [attempt, setAttempt] = useState(0);

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (form.busy) return;
    setAttempt((n) => n + 1);
    if (!form.check()) {
      setFailure(FIX_FIELDS);
      return;
    }
    setFailure(null);
    try {
      await form.send();
      onDone();
    } catch (error) {
      setFailure(
        explain(error, {
          UNAUTHENTICATED:
            'Your temporary sign-in has ended. Sign in again with the temporary password from your email.',
        }),
      );
    }
  }

  return (
    <Page title="Choose your password">
      <p>
        You signed in with a temporary password. Choose your own password to finish your registration: the temporary
        password then stops working.
      </p>
      {failure === FIX_FIELDS || (failure && form.summary.length) ? (
        <ErrorSummary key={attempt} problems={form.summary} />
      ) : (
        failure && <ErrorMessage key={attempt}>{failure}</ErrorMessage>
      )}
      <form onSubmit={submit} noValidate aria-busy={form.busy}>
        {!temporaryPassword && (
          <TextField
            label="Temporary password"
            type="password"
            autoComplete="current-password"
            {...form.currentField}
          />
        )}
        <NewPasswordFields {...form.newPasswordFields} first />
        <FormActions submit="Choose password" busy={form.busy} busyText="Saving…">
          <button type="button" className="button button-secondary" onClick={() => void signOut()}>
            Sign out
          </button>
        </FormActions>
      </form>
    </Page>
  );
}
