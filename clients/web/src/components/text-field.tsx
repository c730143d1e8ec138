import { useId, useState, type InputHTMLAttributes } from 'react';

interface TextFieldProps extends Omit<InputHTMLAttributes<HTMLInputElement>, 'id'> {
  label: string;
  /** The input's id, when a form's error summary links to it; a generated one otherwise. */
  id?: string;
  hint?: string;
  /** What is wrong with the value, as sentences ending with what to do. */
  errors?: string[];
  /** Marked with `*`, as the seeds mark required fields (and announced as required). */
  markRequired?: boolean;
}

/**
 * An input with its `<label>`, an optional hint, and its errors, all tied to it for assistive
 * technology. A password field has "Show password" beside it (GOV.UK's pattern): a long
 * passphrase typed on a phone is checked before it is sent.
 */
export function TextField({ label, id: given, hint, errors = [], markRequired = false, ...input }: TextFieldProps) {
  const generated = useId();
  const id = given ?? generated;
  const [shown, setShown] = useState(false);
  const password = input.type === 'password';
  const described =
    [hint ? `${id}-hint` : '', errors.length ? `${id}-error` : ''].filter(Boolean).join(' ') || undefined;
  return (
    <div className={errors.length ? 'field field-invalid' : 'field'}>
      <label htmlFor={id} className={markRequired ? 'required' : undefined}>
        {label}
      </label>
      {hint && (
        <p className="hint" id={`${id}-hint`}>
          {hint}
        </p>
      )}
      {errors.length > 0 && (
        <p className="field-error" id={`${id}-error`}>
          {errors.join(' ')}
        </p>
      )}
      <input
        id={id}
        aria-describedby={described}
        aria-invalid={errors.length ? true : undefined}
        aria-required={markRequired || undefined}
        {...input}
        type={password && shown ? 'text' : (input.type ?? 'text')}
      />
      {password && (
        <button
          type="button"
          className="link-button link-button-inline password-toggle"
          aria-controls={id}
          onClick={() => setShown((s) => !s)}
        >
          {shown ? 'Hide password' : 'Show password'}
        </button>
      )}
    </div>
  );
}
