import SCIMMY from 'scimmy';
import { scimError } from './scim-errors';

/**
 * SCIMMY parses a filter into a list of alternatives (or), each a conjunction (and) of attribute
 * expressions: `[op, value]`, `['not', op, value]`, a list of them on one attribute, or an object
 * of sub-attributes (`name.familyName`, `emails[type eq "work"]`). This evaluates that parsed form
 * with RFC 7643's rules: attribute names and most values compare without regard to case
 * (`id` and `externalId` are case-exact), a multi-valued attribute matches when one value does.
 * (SCIMMY's own `Filter.match` compares every string case-exactly, which would let a directory's
 * `userName eq "Ada@County.xorg"` miss `ada@county.xorg` and create a duplicate.)
 */
type Expression = unknown[];
type Conjunction = Record<string, unknown>;

const CASE_EXACT = new Set(['id', 'externalid']);

/** The alternatives of a filter SCIMMY parsed (it answers a malformed one with `invalidFilter`). */
export const filterOf = (filter: SCIMMY.Types.Filter): Conjunction[] => [...filter] as Conjunction[];

const fieldOf = (resource: unknown, name: string): unknown => {
  if (!resource || typeof resource !== 'object') return undefined;
  const key = Object.keys(resource).find((k) => k.toLowerCase() === name.toLowerCase());
  return key === undefined ? undefined : (resource as Record<string, unknown>)[key];
};

const ISO_DATE = /^\d{4}-\d{2}-\d{2}T/;

function compare(actual: unknown, op: string, expected: unknown, caseExact: boolean): boolean {
  if (op === 'pr') return actual !== undefined && actual !== null && actual !== '';
  if (actual === undefined || actual === null) return false;
  if (typeof actual === 'boolean') {
    const wanted = typeof expected === 'string' ? expected.toLowerCase() === 'true' : expected;
    return op === 'eq' ? actual === wanted : op === 'ne' ? actual !== wanted : false;
  }
  const text = (v: unknown): string =>
    v instanceof Date ? v.toISOString() : typeof v === 'string' ? v : typeof v === 'object' ? '' : JSON.stringify(v);
  const fold = (v: unknown) => (caseExact ? text(v) : text(v).toLowerCase());
  const [a, e] = [fold(actual), fold(expected)];
  if (['gt', 'ge', 'lt', 'le'].includes(op)) {
    const dates = ISO_DATE.test(text(actual)) && ISO_DATE.test(text(expected));
    const [x, y] = dates ? [Date.parse(text(actual)), Date.parse(text(expected))] : [a, e];
    return op === 'gt' ? x > y : op === 'ge' ? x >= y : op === 'lt' ? x < y : x <= y;
  }
  switch (op) {
    case 'eq':
      return a === e;
    case 'ne':
      return a !== e;
    case 'co':
      return a.includes(e);
    case 'sw':
      return a.startsWith(e);
    case 'ew':
      return a.endsWith(e);
    default:
      throw scimError(400, 'invalidFilter', `Unknown comparison operator '${op}'`);
  }
}

function matchesExpression(actual: unknown, expression: Expression, name: string): boolean {
  const negate = String(expression[0]).toLowerCase() === 'not';
  const [op, expected] = expression.slice(negate ? 1 : 0) as [string, unknown];
  const caseExact = CASE_EXACT.has(name.toLowerCase());
  const test = (value: unknown) =>
    compare(
      value && typeof value === 'object' ? fieldOf(value, 'value') : value,
      op.toLowerCase(),
      expected,
      caseExact,
    );
  const result = Array.isArray(actual)
    ? op.toLowerCase() === 'np'
      ? actual.length === 0
      : actual.some(test)
    : op.toLowerCase() === 'np'
      ? actual === undefined || actual === null
      : test(actual);
  return negate ? !result : result;
}

function matchesAttribute(actual: unknown, condition: unknown, name: string): boolean {
  if (Array.isArray(condition)) {
    const list = condition.every(Array.isArray) ? (condition as Expression[]) : [condition as Expression];
    return list.every((expression) => matchesExpression(actual, expression, name));
  }
  const sub = condition as Conjunction;
  const matchesOne = (item: unknown) =>
    Object.entries(sub).every(([key, inner]) => matchesAttribute(fieldOf(item, key), inner, key));
  return Array.isArray(actual) ? actual.some(matchesOne) : matchesOne(actual);
}

/** Whether a SCIM resource (as it is sent out) matches a parsed filter. */
export const matchesFilter = (resource: object, filter: Conjunction[]): boolean =>
  filter.some((conjunction) =>
    Object.entries(conjunction).every(([name, condition]) =>
      matchesAttribute(fieldOf(resource, name), condition, name),
    ),
  );
