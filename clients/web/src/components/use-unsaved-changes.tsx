import { useCallback, useEffect, useRef, type ReactNode } from 'react';
import { useBlocker } from 'react-router';
import { sessionState } from '../session/session';
import { ConfirmDialog } from './confirm-dialog';

/**
 * A form with changes not yet saved holds every way out of it until the person answers "Discard
 * unsaved changes?" (Cancel on focus): a link, another contact, New, the pager (each a move of
 * the router); closing or reloading the tab gets the browser's own question. Once the session
 * has ended nothing is held: the form's draft is kept for after the next sign-in instead.
 * `release` lets the form's own move after a save through.
 */
export function useUnsavedChanges(dirty: boolean): { prompt: ReactNode; release: () => void } {
  // Read when a move starts: a save's own move comes in the same event as `release`, before a render.
  const holding = useRef(dirty);
  const blocker = useBlocker(() => holding.current && sessionState().status === 'signed-in');
  useEffect(() => {
    holding.current = dirty;
    if (!dirty) return;
    const ask = (event: BeforeUnloadEvent) => {
      event.preventDefault();
      // Older browsers ask only when a value is returned.
      event.returnValue = '';
    };
    window.addEventListener('beforeunload', ask);
    return () => window.removeEventListener('beforeunload', ask);
  }, [dirty]);
  const release = useCallback(() => {
    holding.current = false;
  }, []);
  const prompt =
    blocker.state === 'blocked' ? (
      <ConfirmDialog
        question="Discard unsaved changes?"
        detail="You changed this form without saving. Cancel to go back to it, or discard the changes."
        confirm="Discard changes"
        onConfirm={() => blocker.proceed()}
        onCancel={() => blocker.reset()}
      />
    ) : null;
  return { prompt, release };
}
