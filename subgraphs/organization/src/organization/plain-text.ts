import { z } from 'zod';

// Control characters (C0, DEL, C1) and the bidirectional overrides that make text shown to the
// public read differently from what was typed.
const CONTROL = /[\p{Cc}\u202A-\u202E\u2066-\u2069]/u;

/** Optional one-line text a person types and others read: trimmed, at most `max`, no control characters; empty means none. */
export const plainText = (max: number) =>
  z
    .string()
    .trim()
    .max(max, `is at most ${max} characters`)
    .refine((v) => !CONTROL.test(v), 'must be plain text on one line, without control characters')
    .nullish()
    .transform((v) => (v === undefined ? undefined : v ? v : null));
