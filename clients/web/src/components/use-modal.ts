import { useEffect, useRef, type RefObject } from 'react';

/**
 * A modal `<dialog>` that opens with its component: focus moves into it, onto the button that
 * should take a stray Enter (`initial`), and the browser keeps it inside; when the component
 * leaves, focus goes back to what had it before. Escape is the dialog's `cancel` event.
 */
export function useModal(): { dialog: RefObject<HTMLDialogElement>; initial: RefObject<HTMLButtonElement> } {
  const dialog = useRef<HTMLDialogElement>(null);
  const initial = useRef<HTMLButtonElement>(null);
  useEffect(() => {
    const element = dialog.current;
    const opener = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    if (element && !element.open) element.showModal();
    // showModal focuses the first button; React's autoFocus ran before the dialog opened.
    initial.current?.focus();
    return () => {
      element?.close();
      // The dialog leaves with its element, so the browser cannot restore focus itself.
      if (opener?.isConnected && !element?.contains(opener)) opener.focus();
    };
  }, []);
  return { dialog, initial };
}
