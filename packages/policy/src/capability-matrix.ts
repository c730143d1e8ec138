import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { ContactType } from './contact-type';

/** NONE < READ < EDIT: EDIT includes reading. */
export type Level = 'NONE' | 'READ' | 'EDIT';
const RANK: Record<Level, number> = { NONE: 0, READ: 1, EDIT: 2 };

export interface MatrixFunction {
  key: string;
  name: string;
  extension?: string;
}

export interface CapabilityMatrix {
  functions: MatrixFunction[];
  contactTypes: { key: ContactType; label: string; extension?: string; capabilities: Record<string, Level> }[];
}

/**
 * `capability-matrix.json` beside this package's `src/` and `dist/`: the one permission policy every
 * subgraph and service reads. It travels with the package, so a service that imports the rules gets
 * the matrix they were written for.
 */
export const MATRIX_PATH = resolve(__dirname, '../capability-matrix.json');

export const capabilityMatrix = JSON.parse(readFileSync(MATRIX_PATH, 'utf8')) as CapabilityMatrix;

const FUNCTION_KEYS = new Set(capabilityMatrix.functions.map((f) => f.key));
const BY_TYPE = new Map(capabilityMatrix.contactTypes.map((t) => [t.key, t.capabilities]));

export const atLeast = (granted: Level, wanted: Level) => RANK[granted] >= RANK[wanted];

/** The level a set of contact types grants on one function: the highest any of them has. */
export function levelFor(types: readonly ContactType[], functionKey: string): Level {
  if (!FUNCTION_KEYS.has(functionKey)) throw new Error(`Unknown function "${functionKey}" in the capability matrix`);
  let best: Level = 'NONE';
  for (const type of types) {
    const level = BY_TYPE.get(type)?.[functionKey] ?? 'NONE';
    if (RANK[level] > RANK[best]) best = level;
  }
  return best;
}

/** Every function a set of contact types may use, with its level (what `me.capabilities` lists). */
export function capabilitiesOf(types: readonly ContactType[]): { function: MatrixFunction; level: Level }[] {
  return capabilityMatrix.functions
    .map((fn) => ({ function: fn, level: levelFor(types, fn.key) }))
    .filter((c) => c.level !== 'NONE');
}
