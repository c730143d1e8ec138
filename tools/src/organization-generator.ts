import { randomUUID } from 'node:crypto';

// Organizations to search: names from a small vocabulary of place words and kinds, so searches
// hit many names and few. One generator for the benchmark (bench-scale.ts, by index) and the
// search equivalence test (test/organization-search.test.ts, seeded, with odd names and codes).

export const PLACES = [
  'North',
  'South',
  'Lake',
  'River',
  'Oak',
  'Pine',
  'Hill',
  'Valley',
  'San',
  'Santa',
  'Los',
  'Mount',
  'Green',
  'Red',
  'Clear',
  'Elk',
  'Bear',
  'Wolf',
  'Ash',
  'Cedar',
];
export const SUFFIXES = [
  'field',
  'ton',
  'ville',
  'wood',
  'dale',
  'brook',
  'ford',
  'haven',
  'port',
  'view',
  'ridge',
  'side',
  'burg',
  'mont',
  'crest',
];
export const KINDS = [
  'UNIFIED SCHOOL DISTRICT',
  'ELEMENTARY SCHOOL DISTRICT',
  'COUNTY OFFICE OF EDUCATION',
  'HIGH SCHOOL DISTRICT',
  'NHS TRUST',
  'CHARTER SCHOOL',
  'COMMUNITY COLLEGE',
];
/** Names that trip searches: accents, LIKE wildcards, the escape character, very short ones. */
export const ODD = [
  'Écoles Réunies',
  "St. Mary's",
  '100% Kids',
  'A_B Academy',
  'Smith!Jones',
  'Ñandú',
  'Ütopia',
  'ab',
  'X',
  'Zz  Top',
];

/** A small deterministic generator (mulberry32), so a failure can be replayed. */
export function random(seed: number) {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const at = <T>(list: T[], i: number) => list[i % list.length];

/** The benchmark's i-th name: mostly the common vocabulary, one in 500 with a rare word (`QUIXOTE<i>`). */
export const organizationName = (i: number) =>
  `${at(PLACES, i * 7).toUpperCase()}${at(SUFFIXES, i * 13).toUpperCase()} ${i % 500 === 0 ? `QUIXOTE${i} ` : ''}${at(KINDS, i * 3)}`;

/** The benchmark's organizations: codes 10000, 10001, … (searchable by prefix), names as above. */
export const benchOrganizations = (count: number) =>
  Array.from({ length: count }, (_, i) => ({ id: randomUUID(), code: String(10000 + i), name: organizationName(i) }));

/**
 * `count` organizations drawn from `seed`: mostly five-digit codes and names in either case, some
 * letter codes and some odd names; codes unique whatever their case.
 */
export function generateOrganizations(count: number, seed = 16) {
  const next = random(seed);
  const pick = <T>(list: T[]) => list[Math.floor(next() * list.length)];
  const codes = new Set<string>();
  const rows: { id: string; code: string; name: string }[] = [];
  while (rows.length < count) {
    const code =
      next() < 0.9
        ? String(10000 + Math.floor(next() * 89999))
        : `${pick(['A', 'B', 'x'])}${Math.floor(next() * 9999)}`;
    if (codes.has(code.toLowerCase())) continue;
    codes.add(code.toLowerCase());
    const place = `${pick(PLACES)}${pick(SUFFIXES)}`;
    const name =
      next() < 0.05 ? `${pick(ODD)} ${place}` : `${next() < 0.5 ? place.toUpperCase() : place} ${pick(KINDS)}`;
    rows.push({ id: randomUUID(), code, name });
  }
  return rows;
}
