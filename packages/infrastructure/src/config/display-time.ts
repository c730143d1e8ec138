/**
 * One named time zone for every time a person reads (DISPLAY_TIME_ZONE): the mails write times
 * with it, and the web app, which asks for the zone, writes them the same way, so a mail and a
 * screen agree to the minute and name the zone ("7 Dec 2026, 14:05 UTC"). The web app's
 * `format.ts` uses these exact options; a browser test compares the two.
 */
export const DISPLAY_TIME_OPTIONS: Intl.DateTimeFormatOptions = {
  day: 'numeric',
  month: 'short',
  year: 'numeric',
  hour: '2-digit',
  minute: '2-digit',
  hourCycle: 'h23',
  timeZoneName: 'short',
};
/** Fixed rather than the reader's: the mail has no browser to ask, and both must read alike. */
export const DISPLAY_LOCALE = 'en-GB';

/** Whether the runtime knows this IANA zone name. */
export function isTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat(DISPLAY_LOCALE, { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

/** A moment as people read it, in the display zone, the zone named. */
export const displayTime = (moment: Date, zone: string) =>
  new Intl.DateTimeFormat(DISPLAY_LOCALE, { ...DISPLAY_TIME_OPTIONS, timeZone: zone }).format(moment);

/** The day of a moment in the display zone, as YYYY-MM-DD (a file name's date). */
export const displayDay = (moment: Date, zone: string) =>
  new Intl.DateTimeFormat('en-CA', { timeZone: zone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(
    moment,
  );
