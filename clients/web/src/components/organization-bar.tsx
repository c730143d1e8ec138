import { useId, useState, type FormEvent } from 'react';
import { useLocation } from 'react-router';
import { explain } from '../api/api-error';
import type { Me } from '../api/use-me';
import { switchOrganization } from '../session/session';

/**
 * Under the header, on every page: the organization the person acts for, so nobody edits the
 * contacts of one believing it is another; a person of several switches here, without the
 * password (the same switch as My account: the session of the one left ends, pages load again).
 */
export function OrganizationBar({ me }: { me: Me }) {
  const id = useId();
  const current = me.memberships.find((m) => m.current);
  // Null: the one acted for now (which changes after a switch, this bar staying to say so).
  const [picked, setPicked] = useState<string | null>(null);
  const chosen = picked ?? current?.organizationId ?? '';
  const { pathname } = useLocation();
  // What the last switch said, on the page it was said on (a link followed leaves it behind).
  const [saidOn, setSaid] = useState<{ ok: boolean; text: string; on?: string } | null>(null);
  const said = saidOn?.on === pathname ? saidOn : null;
  const [busy, setBusy] = useState(false);
  if (me.kind !== 'CONTACT' || !me.organization) return null;
  const name = me.organization.displayName;

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (busy) return;
    setSaid(null);
    if (chosen === current?.organizationId) {
      setSaid({ ok: false, text: `You already act for ${name}.`, on: pathname });
      return;
    }
    setBusy(true);
    try {
      await switchOrganization(chosen);
      setPicked(null);
      const now = me.memberships.find((m) => m.organizationId === chosen)?.organizationName;
      setSaid({ ok: true, text: `You now act for ${now ?? 'the organization you chose'}.`, on: pathname });
    } catch (error) {
      setSaid({ ok: false, text: explain(error), on: pathname });
    } finally {
      setBusy(false);
    }
  }

  return (
    <div className="organization-bar">
      <div className="organization-bar-inner">
        {me.memberships.length > 1 ? (
          <form onSubmit={submit} noValidate className="organization-switch" aria-busy={busy}>
            <label htmlFor={`${id}-org`}>Acting for</label>
            <select
              id={`${id}-org`}
              value={chosen}
              title={me.memberships.find((m) => m.organizationId === chosen)?.organizationName}
              onChange={(e) => setPicked(e.target.value)}
            >
              {me.memberships.map((m) => (
                <option key={m.organizationId} value={m.organizationId}>
                  {m.organizationName}
                </option>
              ))}
            </select>
            <button type="submit" className="button button-secondary">
              Switch
            </button>
            {/* The select says it to screen readers in full already. */}
            <span className="organization-full-name" aria-hidden="true">
              {me.memberships.find((m) => m.organizationId === chosen)?.organizationName}
            </span>
          </form>
        ) : (
          <p>
            Acting for <strong>{name}</strong>
          </p>
        )}
        <p role="status" className={said && !said.ok ? 'organization-bar-problem' : undefined}>
          {said?.text}
        </p>
      </div>
    </div>
  );
}
