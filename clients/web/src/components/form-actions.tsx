import type { ReactNode } from 'react';

/** A form's row of buttons: its submit button first, then any others it has ("Sign out"). */
export function FormActions({ submit, children }: { submit: string; children?: ReactNode }) {
  return (
    <div className="actions">
      <button type="submit" className="button">
        {submit}
      </button>
      {children}
    </div>
  );
}
