import type { ContactType } from './contact-type';

/** Who is calling, as the access token says. */
export type Principal =
  | {
      kind: 'contact';
      id: string;
      organizationId: string;
      contactTypes: ContactType[];
      passwordChangeRequired: boolean;
      sessionId?: string;
    }
  | { kind: 'staff'; id: string; sessionId?: string }
  | { kind: 'service'; id: string }
  | { kind: 'anonymous' };

export const ANONYMOUS: Principal = { kind: 'anonymous' };

/** Claims carried by an access token (registered claims aside). */
export interface AccessClaims {
  kind: 'contact' | 'staff' | 'service';
  org?: string;
  types?: ContactType[];
  /** The token may only change the password (first login with a temporary password). */
  pcr?: boolean;
  /** The session the token was issued with (its refresh-token row): what revocation names. */
  sid?: string;
}

export function principalFromClaims(sub: string, claims: AccessClaims): Principal {
  switch (claims.kind) {
    case 'contact':
      return {
        kind: 'contact',
        id: sub,
        organizationId: claims.org ?? '',
        contactTypes: claims.types ?? [],
        passwordChangeRequired: claims.pcr === true,
        sessionId: claims.sid,
      };
    case 'staff':
      return { kind: 'staff', id: sub, sessionId: claims.sid };
    case 'service':
      return { kind: 'service', id: sub };
    default:
      return ANONYMOUS;
  }
}
