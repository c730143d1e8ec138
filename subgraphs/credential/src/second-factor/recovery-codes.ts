import { randomInt } from 'node:crypto';

// RFC 4648 base32 lower case: no 0/1/8/9, so no 0/O or 1/l mix-ups when typed from paper.
const ALPHABET = 'abcdefghijklmnopqrstuvwxyz234567';
export const RECOVERY_CODE_COUNT = 10;

/** Ten codes of ten characters (50 random bits each), shown as `xxxxx-xxxxx`. */
export const newRecoveryCodes = () =>
  Array.from({ length: RECOVERY_CODE_COUNT }, () => {
    const chars = Array.from({ length: 10 }, () => ALPHABET[randomInt(ALPHABET.length)]).join('');
    return `${chars.slice(0, 5)}-${chars.slice(5)}`;
  });

/** What is hashed: the code without spaces or dashes, lower case, however the person typed it. */
export const normalizeRecoveryCode = (code: string) => code.replace(/[\s-]/g, '').toLowerCase();
