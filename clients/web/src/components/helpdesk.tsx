/** Whom to turn to when nobody in the organization can help: the pension system's helpdesk (HELPDESK_CONTACT). */
export function Helpdesk({ contact }: { contact: string | null }) {
  return contact ? (
    <p>
      Ask the pension system's employer helpdesk: <strong>{contact}</strong>.
    </p>
  ) : (
    <p>Contact the pension system's employer services.</p>
  );
}
