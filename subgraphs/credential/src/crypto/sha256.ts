import { createHash } from 'node:crypto';

/** SHA-256 in hex: how one-time tokens, refresh tokens and codes are kept (never the token itself). */
export const sha256 = (value: string) => createHash('sha256').update(value).digest('hex');
