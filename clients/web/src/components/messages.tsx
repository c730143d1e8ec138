import { useEffect, useRef, type ReactNode } from 'react';

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

/** Something worked, or something to know: announced politely. */
export function Notice({ children, title }: { children: ReactNode; title?: string }) {
  return (
    <div className="message message-success" role="status">
      {title && <h2 className="message-title">{title}</h2>}
      <div>{children}</div>
    </div>
  );
}
