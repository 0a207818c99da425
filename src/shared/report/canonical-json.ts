/**
 * The canonical JSON text of a value: object keys sorted by Unicode code point, no whitespace, strings and
 * numbers written as `JSON.stringify` writes them (RFC 8785's rules for those), except that U+007F is written
 * `\u007f` and a lone surrogate becomes U+FFFD.
 *
 * Those two exceptions make the text byte for byte what `jq -S -c` (jq 1.6 and later) prints for the same
 * JSON, so anyone can recompute a report's digest with `jq` and `sha256sum` (docs/report-schema.md). Keys are
 * compared by code point as jq does (JavaScript's default sort compares UTF-16 code units, which orders
 * characters above U+FFFF differently). Object members whose value is `undefined` are left out, as
 * `JSON.stringify` leaves them out. Numbers must be finite; reports hold only safe integers.
 */
export const canonicalJson = (value: unknown): string => {
  if (value === null) return 'null';
  switch (typeof value) {
    case 'boolean':
      return value ? 'true' : 'false';
    case 'number':
      if (!Number.isFinite(value)) throw new TypeError(`Canonical JSON has no form for the number ${value}.`);
      return JSON.stringify(value);
    case 'string':
      return canonicalString(value);
    case 'object': {
      if (Array.isArray(value)) return `[${value.map((item) => canonicalJson(item ?? null)).join(',')}]`;
      const record = value as Readonly<Record<string, unknown>>;
      const members = Object.keys(record)
        .filter((key) => record[key] !== undefined)
        .sort(compareCodePoints)
        .map((key) => `${canonicalString(key)}:${canonicalJson(record[key])}`);
      return `{${members.join(',')}}`;
    }
    default:
      throw new TypeError(`Canonical JSON has no form for a ${typeof value}.`);
  }
};

// A high surrogate not followed by a low one, or a low surrogate not preceded by a high one.
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/** Replaces each lone surrogate (which has no UTF-8 form) by U+FFFD, as a JSON parser such as jq's does. */
export const wellFormed = (text: string): string => text.replace(LONE_SURROGATE, '\uFFFD');

const canonicalString = (text: string): string =>
  JSON.stringify(wellFormed(text)).replace(/\u007f/g, '\\u007f');

/** Orders strings by Unicode code point, as jq's `-S` does. */
export const compareCodePoints = (a: string, b: string): number => {
  const left = [...a];
  const right = [...b];
  const length = Math.min(left.length, right.length);
  for (let i = 0; i < length; i += 1) {
    const difference = (left[i]?.codePointAt(0) ?? 0) - (right[i]?.codePointAt(0) ?? 0);
    if (difference !== 0) return difference;
  }
  return left.length - right.length;
};
