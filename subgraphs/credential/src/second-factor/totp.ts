import { Secret, TOTP } from 'otpauth';

/** RFC 6238 with what every authenticator app reads: SHA-1, 6 digits, 30 seconds. */
const PERIOD = 30;
const ISSUER = 'Secure Employer Website';

const totpOf = (base32: string, label: string) =>
  new TOTP({ issuer: ISSUER, label, secret: Secret.fromBase32(base32), algorithm: 'SHA1', digits: 6, period: PERIOD });

/** A fresh 160-bit secret (RFC 4226's recommended length), base32 as apps expect. */
export const newTotpSecret = () => new Secret({ size: 20 }).base32;

export const otpauthUri = (base32: string, userName: string) => totpOf(base32, userName).toString();

/**
 * The time step a code belongs to, allowing one step of clock skew either way, or null when it
 * matches none. Callers refuse a step not after the last one accepted, so a code works once.
 */
export function matchingStep(base32: string, code: string, now = Date.now()): number | null {
  if (!/^\d{6}$/.test(code)) return null;
  const delta = totpOf(base32, '').validate({ token: code, timestamp: now, window: 1 });
  return delta === null ? null : Math.floor(now / 1000 / PERIOD) + delta;
}
