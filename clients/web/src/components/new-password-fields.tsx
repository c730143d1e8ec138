import { FIRST_PASSWORD_HINT, PASSWORD_HINT } from './password-rules';
import { TextField } from './text-field';

interface NewPasswordFieldsProps {
  newPassword: string;
  confirmation: string;
  onNewPassword: (value: string) => void;
  onConfirmation: (value: string) => void;
  errors: { newPassword?: string[]; confirmation?: string[] };
  /** The login's first own password (after a temporary one): no earlier passwords to warn about. */
  first?: boolean;
}

/** The fields' ids, for the error summary's links (a page has one such pair). */
export const NEW_PASSWORD_ID = 'new-password';
export const CONFIRM_PASSWORD_ID = 'confirm-new-password';

/** "New password" (with the policy as its hint) and "Confirm new password": every page that sets a password. */
export function NewPasswordFields({
  newPassword,
  confirmation,
  onNewPassword,
  onConfirmation,
  errors,
  first = false,
}: NewPasswordFieldsProps) {
  return (
    <>
      <TextField
        id={NEW_PASSWORD_ID}
        label="New password"
        type="password"
        autoComplete="new-password"
        hint={first ? FIRST_PASSWORD_HINT : PASSWORD_HINT}
        value={newPassword}
        onChange={(e) => onNewPassword(e.target.value)}
        errors={errors.newPassword}
      />
      <TextField
        id={CONFIRM_PASSWORD_ID}
        label="Confirm new password"
        type="password"
        autoComplete="new-password"
        value={confirmation}
        onChange={(e) => onConfirmation(e.target.value)}
        errors={errors.confirmation}
      />
    </>
  );
}
