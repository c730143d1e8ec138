// Every time on a screen is written in the one zone the mails use (the server's DISPLAY_TIME_ZONE,
// asked for before the first page shows), the zone named, so a mail and a screen read alike. The
// options are the server's (packages/infrastructure display-time.ts): a locale fixed, not the browser's.
const LOCALE = 'en-GB';
const OPTIONS: Intl.DateTimeFormatOptions = {
  day: 'numeric',
  month: 'short',
  year: 'numeric',
  hour: '2-digit',
  minute: '2-digit',
  hourCycle: 'h23',
  timeZoneName: 'short',
};
let dateTime = new Intl.DateTimeFormat(LOCALE, { ...OPTIONS, timeZone: 'UTC' });
let clockTime = new Intl.DateTimeFormat(LOCALE, {
  hour: '2-digit',
  minute: '2-digit',
  hourCycle: 'h23',
  timeZoneName: 'short',
  timeZone: 'UTC',
});

/** The zone the server shows times in; an unknown name leaves UTC. */
export function setDisplayTimeZone(timeZone: string) {
  try {
    dateTime = new Intl.DateTimeFormat(LOCALE, { ...OPTIONS, timeZone });
    clockTime = new Intl.DateTimeFormat(LOCALE, {
      hour: '2-digit',
      minute: '2-digit',
      hourCycle: 'h23',
      timeZoneName: 'short',
      timeZone,
    });
  } catch {
    // The browser does not know the zone: UTC, still named, rather than an unnamed local time.
  }
}

/** A moment as the mails write it ("7 Dec 2026, 14:05 UTC"); "Never" for none. */
export const when = (iso: string | null | undefined, none = 'Never') => (iso ? dateTime.format(new Date(iso)) : none);

/** The time of day of a moment, the zone named ("14:05 UTC"). */
export const clock = (iso: string) => clockTime.format(new Date(iso));

const STATUS: Record<string, string> = {
  REGISTRATION_PENDING: 'Registration Pending',
  REGISTERED: 'Registered',
  LOCKED: 'Locked',
  DISABLED: 'Disabled',
};
export const statusName = (status: string) => STATUS[status] ?? status;

const EVENTS: Record<string, string> = {
  LOGIN_SUCCEEDED: 'Signed in',
  LOGIN_FAILED: 'Failed sign-in attempt',
  LOCKED: 'Login locked after failed attempts',
  UNLOCK_REQUESTED: 'Unlock started by an administrator',
  UNLOCKED: 'Login unlocked',
  REGISTERED: 'Registered for self service',
  RE_ENROLLED: 'Re-enrolled: new temporary password',
  PASSWORD_CHANGED: 'Password changed',
  PASSWORD_RESET_REQUESTED: 'Password reset asked for',
  PASSWORD_RESET: 'Password reset',
  SIGNED_OUT_EVERYWHERE: 'Signed out everywhere',
  SECOND_FACTOR_ENROLLED: 'Authenticator app set up',
  AUTHENTICATOR_REMOVED: 'Authenticator app removed',
  SECOND_FACTOR_USED: 'Authenticator code used to sign in',
  SECOND_FACTOR_FAILED: 'Wrong second factor at sign-in',
  RECOVERY_CODE_USED: 'Recovery code used to sign in',
  RECOVERY_CODES_REGENERATED: 'New recovery codes made',
  SECOND_FACTORS_RESET: 'Second factors reset',
  PASSKEY_REGISTERED: 'Passkey added',
  PASSKEY_REMOVED: 'Passkey removed',
  PASSKEY_USED: 'Passkey used to sign in',
  PASSKEY_SIGN_IN: 'Signed in with a passkey alone',
  INTERNET_ACCESS_REQUESTED: 'Internet access requested',
  INTERNET_ACCESS_APPROVED: 'Internet access approved',
  INTERNET_ACCESS_DENIED: 'Internet access denied',
  INTERNET_ACCESS_WITHDRAWN: 'Internet access withdrawn',
  INTERNET_ACCESS_LAPSED: 'Internet access request lapsed: undecided for 14 days',
};
export const eventName = (type: string) => EVENTS[type] ?? type.toLowerCase().replace(/_/g, ' ');

// SELF: nobody signed in acted (a sign-in attempt, a link from an email); CONTACT: a signed-in contact;
// SYSTEM: no one acted, a time ran out (a request for internet access lapsed).
const ACTORS: Record<string, string> = {
  SELF: 'Sign-in page or email link',
  CONTACT: 'An administrator',
  STAFF: 'Pension system staff',
  SYSTEM: 'Nobody: the time ran out',
};
export const actorName = (kind: string, actorId: string | null, myId: string | undefined) =>
  kind === 'CONTACT' && actorId === myId ? 'You, signed in' : (ACTORS[kind] ?? kind);

const FAILURES: Record<string, string> = {
  PASSWORD: 'Wrong password',
  EXPIRED_TEMPORARY_PASSWORD: 'Expired temporary password',
  NO_INTERNET_ACCESS: 'Sign-in from the internet, not allowed',
  SECOND_FACTOR: 'Wrong second factor',
};
export const failureName = (failure: string | null) => (failure ? (FAILURES[failure] ?? failure) : 'None');

const SECOND_FACTORS: Record<string, string> = {
  TOTP: 'Authenticator app',
  PASSKEY: 'Passkey',
  RECOVERY_CODES: 'Recovery codes',
};
export const secondFactorName = (kind: string) => SECOND_FACTORS[kind] ?? kind;

/** A stretch of time in words, to the minute (to the second under one): "2 minutes", "40 seconds". */
export function spokenDuration(seconds: number): string {
  const plural = (n: number, unit: string) => `${n} ${unit}${n === 1 ? '' : 's'}`;
  return seconds >= 60 ? plural(Math.round(seconds / 60), 'minute') : plural(Math.max(0, Math.ceil(seconds)), 'second');
}
