import { TextField } from './text-field';

/** What the user name field says when it is left empty. */
export const USER_NAME_MISSING = 'Enter your user name: it is your email address.';
/** The field's id, for the error summary's link (a page has one). */
export const USER_NAME_ID = 'user-name';

/** "User Name (Email ID)": one's own login's name, an email address, as the browser's password manager knows it. */
export function UserNameField({
  value,
  onChange,
  errors,
}: {
  value: string;
  onChange: (value: string) => void;
  errors: string[];
}) {
  return (
    <TextField
      id={USER_NAME_ID}
      label="User Name (Email ID)"
      type="email"
      inputMode="email"
      autoComplete="username"
      autoCapitalize="none"
      spellCheck={false}
      value={value}
      onChange={(e) => onChange(e.target.value)}
      errors={errors}
    />
  );
}
