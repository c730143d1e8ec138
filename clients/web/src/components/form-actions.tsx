import type { ReactNode } from 'react';

/**
 * A form's row of buttons: its submit button first, then any others it has ("Sign out"). While
 * the form is `busy` the button says so (`busyText`, e.g. "Signing in…") and cannot be pressed again.
 */
export function FormActions({
  submit,
  busy = false,
  busyText,
  children,
}: {
  submit: string;
  busy?: boolean;
  busyText?: string;
  children?: ReactNode;
}) {
  return (
    <div className="actions">
      <button type="submit" className="button" disabled={busy} aria-disabled={busy || undefined}>
        {busy && busyText ? busyText : submit}
      </button>
      {children}
    </div>
  );
}
