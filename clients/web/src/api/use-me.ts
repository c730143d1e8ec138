import { MeDocument, type MeQuery } from '../graphql/generated';
import { useQuery } from './use-query';

export type Me = MeQuery['me'];
export type Level = 'READ' | 'EDIT';

/** Who is signed in and what the capability matrix lets them do: menus and buttons come from here. */
export const useMe = (actingAs: unknown = 0) => useQuery(MeDocument, {}, actingAs);

/** Whether `me` holds `level` (or more) on the matrix function `key`; staff hold everything. */
export function can(me: Me | undefined, key: string, level: Level): boolean {
  const held = me?.capabilities.find((c) => c.function === key)?.level;
  return held === 'EDIT' || (held === 'READ' && level === 'READ');
}
