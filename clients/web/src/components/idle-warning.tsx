import { useCallback, useEffect, useId, useRef, useState } from 'react';
import { useNavigate } from 'react-router';
import { spokenDuration } from '../format';
import { useModal } from './use-modal';
import { idleTimeoutSeconds, refresh, signOut, signOutIdle } from '../session/session';

/** GOV.UK's timeout warning comes 2 minutes before; a short timeout (tests) warns at its half. */
const warningLead = (limit: number) => Math.min(120, limit / 2);

/**
 * When the person last did something, shared by the tabs of the site (work in one keeps the
 * others open) over a BroadcastChannel: nothing is written to storage, which holds nothing of
 * the session.
 */
let last = Date.now();
const tabs = typeof BroadcastChannel === 'function' ? new BroadcastChannel('ecg-activity') : null;
tabs?.addEventListener('message', (event: MessageEvent<unknown>) => {
  if (typeof event.data === 'number' && event.data > last) last = Math.min(event.data, Date.now());
});
const lastActivity = () => last;

function noteActivity(now = Date.now(), always = false) {
  // Told to the other tabs once a second at most: keystrokes come far more often.
  if (!always && now - last <= 1000) return;
  last = now;
  tabs?.postMessage(now);
}

/**
 * GOV.UK's timeout warning: a signed-in page that nobody used for a while says "You'll be signed
 * out in 2 minutes" in a modal dialog, with "Stay signed in" (which renews the session) on focus;
 * at the end it signs out, and Sign In says why. Activity is a keystroke, click or touch in any
 * tab of the site; while the dialog is open only its buttons count.
 */
export function IdleWarning() {
  const navigate = useNavigate();
  const [left, setLeft] = useState<number | null>(null);
  const open = left !== null;
  // Whether the warning is up: read by the activity listener, which outlives renders.
  const warning = useRef(false);

  useEffect(() => {
    // Signing in (or reloading) is using the site.
    noteActivity(Date.now(), true);
    const seen = () => {
      if (!warning.current) noteActivity();
    };
    const events = ['keydown', 'pointerdown', 'touchstart', 'wheel'] as const;
    for (const name of events) document.addEventListener(name, seen, { passive: true, capture: true });
    const tick = setInterval(() => {
      const limit = idleTimeoutSeconds();
      const remaining = limit - (Date.now() - lastActivity()) / 1000;
      if (remaining <= 0) {
        clearInterval(tick);
        void signOutIdle();
      } else {
        warning.current = remaining <= warningLead(limit);
        setLeft(warning.current ? remaining : null);
      }
    }, 1000);
    return () => {
      clearInterval(tick);
      for (const name of events) document.removeEventListener(name, seen, { capture: true });
    };
  }, []);

  const stay = useCallback(() => {
    warning.current = false;
    noteActivity(Date.now(), true);
    setLeft(null);
    // A fresh access token: the session is used, not only the page.
    void refresh().catch(() => undefined);
  }, []);

  if (!open) return null;
  return (
    <TimeoutDialog
      left={left}
      onStay={stay}
      onSignOut={() => void signOut().finally(() => navigate('/sign-in', { state: { notice: 'You are signed out.' } }))}
    />
  );
}

function TimeoutDialog({ left, onStay, onSignOut }: { left: number; onStay: () => void; onSignOut: () => void }) {
  const { dialog, initial: stayButton } = useModal();
  const id = useId();
  return (
    <dialog
      ref={dialog}
      className="dialog"
      aria-labelledby={`${id}-q`}
      aria-describedby={`${id}-d`}
      // Escape stays signed in, as GOV.UK's pattern does: closing the warning is using the site.
      onCancel={(event) => {
        event.preventDefault();
        onStay();
      }}
    >
      <h2 id={`${id}-q`}>You&rsquo;ll be signed out in {spokenDuration(left)}</h2>
      <p id={`${id}-d`}>
        Nobody has used this site for a while. We sign you out to keep your organization&rsquo;s information secure.
      </p>
      <div className="actions">
        <button type="button" className="button" onClick={onStay} ref={stayButton}>
          Stay signed in
        </button>
        <button type="button" className="button button-secondary" onClick={onSignOut}>
          Sign out
        </button>
      </div>
    </dialog>
  );
}
