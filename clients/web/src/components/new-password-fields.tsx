import { PASSWORD_HINT } from './password-rules';
import { TextField } from './text-field';

interface NewPasswordFieldsProps {
  newPassword: string;
  confirmation: string;
  onNewPassword: (value: string) => void;
  onConfirmation: (value: string) => void;
  errors: { newPassword?: string[]; confirmation?: string[] };
}

/** "New password" (with the policy as its hint) and "Confirm new password": every page that sets a password. */
export function NewPasswordFields({
  newPassword,
  confirmation,
  onNewPassword,
  onConfirmation,
  errors,
}: NewPasswordFieldsProps) {
  return (
    <>
      <TextField
        label="New password"
        type="password"
        autoComplete="new-password"
        hint={PASSWORD_HINT}
        value={newPassword}
        onChange={(e) => onNewPassword(e.target.value)}
        errors={errors.newPassword}
      />
      <TextField
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
