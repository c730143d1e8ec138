/**
 * A user name (an email) as it is stored and compared: NFKC (full-width and other compatibility
 * forms become their plain letters), trimmed, lower case. Nothing more: accents stay, so
 * `stáff@` is never `staff@`.
 */
export const normalizeUserName = (userName: string) => userName.normalize('NFKC').trim().toLowerCase();

/**
 * Whether a row found by user name really has that name. The database compares with its column
 * collation, which on MySQL/MariaDB folds accents (`stáff@` = `staff@`): every lookup by user
 * name checks the match exactly here too.
 */
export const sameUserName = (stored: string, wanted: string) => normalizeUserName(stored) === normalizeUserName(wanted);
