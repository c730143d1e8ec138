import type { ReactNode } from 'react';

/**
 * A link to one contact of the screen: a real address (it opens in a new tab too), and a plain
 * click opens the contact in place, as the contacts table does.
 */
export function ContactLink({
  code,
  contactId,
  onOpen,
  children,
}: {
  code: string;
  contactId: string;
  onOpen: (contactId: string) => void;
  children: ReactNode;
}) {
  return (
    <a
      href={`?org=${encodeURIComponent(code)}&contact=${contactId}`}
      onClick={(e) => {
        e.preventDefault();
        onOpen(contactId);
      }}
    >
      {children}
    </a>
  );
}
