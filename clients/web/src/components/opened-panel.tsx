import { useEffect, useRef, type ReactNode } from 'react';

/**
 * What a button or link opens further down the page (a contact, a new contact's form): once its
 * content is there, it is scrolled into view and focus goes to its first heading, so the person
 * sees what opened and keyboard and screen reader users start there. `openKey` changes each time
 * it is opened again (pressing New twice brings the form back into view twice).
 */
export function OpenedPanel({
  openKey,
  ready,
  label,
  children,
}: {
  openKey: string | number;
  /** False while the content is loading: focus waits for its heading. */
  ready: boolean;
  label: string;
  children: ReactNode;
}) {
  const panel = useRef<HTMLDivElement>(null);
  const focused = useRef<string | number | null>(null);
  useEffect(() => {
    const box = panel.current;
    if (!box || focused.current === openKey) return;
    const heading = box.querySelector<HTMLElement>('h2');
    if (!ready || !heading) {
      // Until the heading arrives, the panel itself holds the focus (it left the button pressed).
      box.focus({ preventScroll: true });
      return;
    }
    focused.current = openKey;
    heading.tabIndex = -1;
    heading.focus({ preventScroll: true });
    box.scrollIntoView({ block: 'start' });
  }, [openKey, ready]);
  return (
    <div ref={panel} tabIndex={-1} className="editor" aria-label={label}>
      {children}
    </div>
  );
}
