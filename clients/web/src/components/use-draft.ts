import { useEffect, useRef, useState, type Dispatch, type SetStateAction } from 'react';
import { keepDraft, takeDraft } from '../session/drafts';
import { sessionState } from '../session/session';

/**
 * A form's values that outlive the form when the session ends elsewhere: the person signs in again,
 * comes back to the same page, and finds what they typed (in memory only; see session/drafts.ts).
 * `restored` is true when the values came back so, for the form to say so.
 */
export function useDraft<T>(key: string, initial: () => T): [T, Dispatch<SetStateAction<T>>, boolean] {
  const [restored] = useState(() => takeDraft<T>(key));
  const [values, setValues] = useState<T>(() => restored ?? initial());
  const latest = useRef({ values, changed: restored !== undefined });
  useEffect(() => {
    if (values !== latest.current.values) latest.current = { values, changed: true };
  }, [values]);
  useEffect(
    () => () => {
      const session = sessionState();
      if (session.status === 'signed-out' && session.ended && latest.current.changed)
        keepDraft(key, latest.current.values);
    },
    [key],
  );
  return [values, setValues, restored !== undefined];
}
