import DataLoader from 'dataloader';
import { In, type ObjectLiteral, type Repository } from 'typeorm';

/**
 * A per-request DataLoader that fetches every key asked for in one tick with one
 * `WHERE column IN (...)` query, and answers each key with its row or null.
 */
export function rowLoader<E extends ObjectLiteral, K extends string | number>(
  repository: Repository<E>,
  column: keyof E & string,
): DataLoader<K, E | null> {
  return new DataLoader<K, E | null>(async (keys) => {
    const rows = await repository.find({ where: { [column]: In([...keys]) } as never });
    const byKey = new Map(rows.map((row) => [row[column] as K, row]));
    return keys.map((key) => byKey.get(key) ?? null);
  });
}

/**
 * Escape `%`, `_` and `!` so user text matches literally inside a LIKE pattern written with
 * `ESCAPE '!'` (a backslash would need different quoting in MySQL and SQLite).
 */
export const likeEscape = (text: string) => text.replace(/[!%_]/g, (m) => `!${m}`);
export const LIKE_ESCAPE = "ESCAPE '!'";
