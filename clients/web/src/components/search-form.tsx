import type { FormEvent } from 'react';
import { FormActions } from './form-actions';
import { TextField } from './text-field';

/** The label of the boxes that find an organization (the old system's words, hint included). */
export const ORGANIZATION_SEARCH = 'Search for Organization (Hint: Org Code, Org Name)';

interface SearchFormProps {
  /** The search box's label, which says what may be typed. */
  label: string;
  value: string;
  onChange: (value: string) => void;
  /** What is wrong with the typed text, beside the box. */
  errors: string[];
  /** Called on submit, the browser's own submission stopped. */
  onSearch: () => void;
  /** While a search runs, for pages that ignore a second submit meanwhile. */
  busy?: boolean;
  className?: string;
}

/** One search box and its Search button, a search landmark: finding an organization or a login. */
export function SearchForm({ label, value, onChange, errors, onSearch, busy, className }: SearchFormProps) {
  function submit(event: FormEvent) {
    event.preventDefault();
    onSearch();
  }
  return (
    <form onSubmit={submit} noValidate aria-busy={busy} role="search" className={className}>
      <TextField label={label} type="search" value={value} onChange={(e) => onChange(e.target.value)} errors={errors} />
      <FormActions submit="Search" />
    </form>
  );
}
