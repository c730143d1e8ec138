import { appError } from '@ecg/policy';
import { COMMON_PASSWORDS } from './common-passwords';
import { verifyPassword } from './password-hasher';

export const PASSWORD_HISTORY = 5;

/** The form a password is hashed and checked in: NFKC, as the hasher derives it (password-hasher.ts). */
export const normalizePassword = (password: string) => password.normalize('NFKC');

// White space and invisible format characters (zero-width space, joiners, BOM): nothing to see.
const BLANK = /^[\s\p{Cf}]*$/u;

/**
 * The password policy, on the NFKC form: not blank, at least 12 characters (at most 256), not the
 * user name or email nor built on it, not a common password, not one of the last five. One
 * BAD_USER_INPUT lists all.
 */
export async function assertPasswordPolicy(
  rawPassword: string,
  userName: string,
  previousHashes: string[] = [],
): Promise<void> {
  const password = normalizePassword(rawPassword);
  const problems: string[] = [];
  const lower = password.trim().toLowerCase();
  const localPart = userName.toLowerCase().split('@')[0];
  const length = [...password].length;
  if (BLANK.test(password)) problems.push('must not be blank');
  else {
    if (length < 12) problems.push('must be at least 12 characters');
    if (length > 256) problems.push('must be at most 256 characters');
    if (lower === userName.toLowerCase() || (localPart.length >= 4 && lower.includes(localPart)))
      problems.push('must not be or contain your user name');
    if (COMMON_PASSWORDS.has(lower)) problems.push('is too common');
  }
  if (problems.length === 0) {
    for (const hash of previousHashes.slice(0, PASSWORD_HISTORY)) {
      if (await verifyPassword(password, hash)) {
        problems.push(`must not be one of your last ${PASSWORD_HISTORY} passwords`);
        break;
      }
    }
  }
  if (problems.length) {
    throw appError('BAD_USER_INPUT', `Invalid input: newPassword: ${problems.join('; ')}`, {
      invalidFields: problems.map((message) => ({ field: 'newPassword', message })),
    });
  }
}
