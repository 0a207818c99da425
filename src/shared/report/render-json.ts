import { canonicalJson, compareCodePoints } from './canonical-json';
import type { Report } from './report-schema';

const sortKeys = (value: unknown): unknown => {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (typeof value !== 'object' || value === null) return value;
  const record = value as Readonly<Record<string, unknown>>;
  return Object.fromEntries(
    Object.keys(record)
      .sort(compareCodePoints)
      .map((key) => [key, sortKeys(record[key])]),
  );
};

/**
 * The report as the JSON file people receive: keys sorted, two-space indent, a final newline, so it reads and diffs
 * well. The digest does not depend on this layout: it is the SHA-256 of the canonical JSON (no whitespace) of the
 * parsed content without `digest`, which the recipe in docs/report-schema.md recomputes from this file as from a
 * canonical copy.
 */
export const renderJson = (report: Report): string => `${JSON.stringify(sortKeys(report), null, 2)}\n`;

/** The report as canonical JSON (keys sorted, no whitespace), digest included: for machines that store it. */
export const renderCanonicalJson = (report: Report): string => canonicalJson(report);
