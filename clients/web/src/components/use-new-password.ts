import { useState, type ChangeEvent } from 'react';
import { ApiError } from '../api/api-error';
import { changePassword } from '../session/session';
import type { FieldProblem } from './messages';
import { CONFIRM_PASSWORD_ID, NEW_PASSWORD_ID } from './new-password-fields';
import { checkNewPassword, sentence } from './password-rules';

/** The id of the current (or temporary) password's field, for the error summary's links. */
export const CURRENT_PASSWORD_ID = 'current-password';

/** An error summary's entries for one field. */
export const problemsAt = (target: string, texts: string[] | undefined): FieldProblem[] =>
  (texts ?? []).map((text) => ({ target, text }));

const NO_ERRORS = { newPassword: [] as string[], confirmation: [] as string[] };

/**
 * The state behind `NewPasswordFields` on every page that sets a password: the two values, and
 * what is wrong with them, found by the page (`check`) or by the server (`refused`).
 */
export function useNewPassword() {
  const [newPassword, setNewPassword] = useState('');
  const [confirmation, setConfirmation] = useState('');
  const [errors, setErrors] = useState(NO_ERRORS);
  return {
    newPassword,
    /** Shows what is wrong with the typing; true when nothing is. */
    check() {
      const found = checkNewPassword(newPassword, confirmation);
      setErrors(found);
      return !found.newPassword.length && !found.confirmation.length;
    },
    /** Shows the server's reasons beside the new password, when it refused the input. */
    refused(error: unknown) {
      if (error instanceof ApiError && error.code === 'BAD_USER_INPUT')
        setErrors({
          newPassword: (error.fields.newPassword ?? []).map((p) => sentence('New password', p)),
          confirmation: [],
        });
    },
    clear() {
      setNewPassword('');
      setConfirmation('');
    },
    /** The props of `NewPasswordFields`. */
    fields: { newPassword, confirmation, onNewPassword: setNewPassword, onConfirmation: setConfirmation, errors },
    /** What is wrong, for the error summary. */
    summary: [
      ...problemsAt(NEW_PASSWORD_ID, errors.newPassword),
      ...problemsAt(CONFIRM_PASSWORD_ID, errors.confirmation),
    ],
  };
}

/**
 * A change of one's own password (the current one, then a new one twice): on /account, and the
 * first sign-in's step from the temporary password. `known`: the current password, when the page
 * has it already and shows no field for it.
 */
export function useChangePassword(words: { missing: string; wrong: string }, known: string | null = null) {
  const [current, setCurrent] = useState('');
  const [currentErrors, setCurrentErrors] = useState<string[]>([]);
  const [busy, setBusy] = useState(false);
  const password = useNewPassword();
  return {
    busy,
    /** Shows what is wrong with the typing; true when nothing is. */
    check() {
      const missing = !(known || current);
      setCurrentErrors(missing ? [words.missing] : []);
      return password.check() && !missing;
    },
    /** Asks the server; when it refuses, shows its reasons beside the fields and throws the error on. */
    async send() {
      setBusy(true);
      try {
        await changePassword(known ?? current, password.newPassword);
      } catch (error) {
        if (error instanceof ApiError && error.code === 'BAD_USER_INPUT')
          setCurrentErrors((error.fields.currentPassword ?? []).map(() => words.wrong));
        password.refused(error);
        throw error;
      } finally {
        setBusy(false);
      }
    },
    clear() {
      setCurrent('');
      password.clear();
    },
    /** The props of the current password's `TextField`. */
    currentField: {
      id: CURRENT_PASSWORD_ID,
      value: current,
      onChange: (event: ChangeEvent<HTMLInputElement>) => setCurrent(event.target.value),
      errors: currentErrors,
    },
    newPasswordFields: password.fields,
    /** What is wrong, for the error summary. */
    summary: [...problemsAt(CURRENT_PASSWORD_ID, currentErrors), ...password.summary],
  };
}
