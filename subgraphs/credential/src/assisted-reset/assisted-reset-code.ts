import { randomInt } from 'node:crypto';
import { sha256 } from '../crypto/sha256';

// Read aloud over a telephone: capitals and digits with no look-alikes (0/O, 1/I/L) and no letters
// that sound alike in the NATO alphabet less than others would; 31 symbols, 12 of them: about 59 bits.
const ALPHABET = 'ABCDEFGHJKMNPQRSTUVWXYZ23456789';
const GROUPS = 3;
const GROUP_LENGTH = 4;

/** A new code, grouped for reading aloud: `K7QM-3XRD-PW9H`. */
export function newAssistedResetCode(): string {
  return Array.from({ length: GROUPS }, () =>
    Array.from({ length: GROUP_LENGTH }, () => ALPHABET[randomInt(ALPHABET.length)]).join(''),
  ).join('-');
}

/** What the person typed, as the code was made: spaces, dashes and case do not matter. */
export const normalizeAssistedResetCode = (typed: string) => typed.replace(/[\s-]/g, '').toUpperCase();

/**
 * The stored form: the code's SHA-256 bound to the login, so two logins' codes never collide in the
 * unique index and a code is worth nothing for another user name. A code lives minutes and is
 * checked under the sign-in limits and lockout, so a fast hash is enough.
 */
export const assistedResetCodeHash = (loginEssId: number, typed: string) =>
  sha256(`assisted-reset:${loginEssId}:${normalizeAssistedResetCode(typed)}`);
