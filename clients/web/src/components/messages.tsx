import { useEffect, useRef, type MouseEvent, type ReactNode } from 'react';

/**
 * Something went wrong: announced at once, and focused when it appears so keyboard users land on
 * it (a page shows a new one by clearing the old one first).
 */
export function ErrorMessage({ children, title = 'There is a problem' }: { children: ReactNode; title?: string }) {
  const box = useRef<HTMLDivElement>(null);
  useEffect(() => box.current?.focus(), []);
  return (
    <div className="message message-error" role="alert" tabIndex={-1} ref={box}>
      <h2 className="message-title">{title}</h2>
      <div>{children}</div>
    </div>
  );
}

/**
 * Something worked, or something to know: announced politely. With `focus`, it takes focus and
 * comes into view when it appears: after a button that vanished with what it did (Register,
 * Unlock), so focus never falls back to `<body>`.
 */
export function Notice({ children, title, focus = false }: { children: ReactNode; title?: string; focus?: boolean }) {
  const box = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (!focus) return;
    box.current?.focus({ preventScroll: true });
    box.current?.scrollIntoView({ block: 'nearest' });
  }, [focus]);
  return (
    <div className="message message-success" role="status" tabIndex={focus ? -1 : undefined} ref={box}>
      {title && <h2 className="message-title">{title}</h2>}
      <div>{children}</div>
    </div>
  );
}

/** One entry of an error summary: what is wrong, and the id of the field to correct. */
export interface FieldProblem {
  target: string;
  text: string;
}

/** Moves to the field itself (not just scrolls to it), so the person can type the correction at once. */
function goToField(event: MouseEvent<HTMLAnchorElement>, target: string) {
  const field = document.getElementById(target);
  if (!field) return;
  event.preventDefault();
  field.scrollIntoView({ block: 'center' });
  field.focus({ preventScroll: true });
}

/**
 * GOV.UK's error summary: every problem of a form at once, each a link to its field. It takes
 * focus when it appears (give it a new `key` on each failed submit so a second one does too).
 */
export function ErrorSummary({ problems, children }: { problems: FieldProblem[]; children?: ReactNode }) {
  return (
    <ErrorMessage>
      {children}
      <ul className="error-summary-list">
        {problems.map((problem) => (
          <li key={`${problem.target}:${problem.text}`}>
            <a href={`#${problem.target}`} onClick={(event) => goToField(event, problem.target)}>
              {problem.text}
            </a>
          </li>
        ))}
      </ul>
    </ErrorMessage>
  );
}
