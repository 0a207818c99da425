import { z } from 'zod';
import { canonicalJson } from './canonical-json';
import {
  type Report,
  type ReportContent,
  ReportSchema,
  type ReportV1,
  ReportV1Schema,
  type ReportV2,
  ReportV2Schema,
  type ReportV3,
  ReportV3Schema,
} from './report-schema';

/**
 * Hashes text as SHA-256 of its UTF-8 bytes and answers 64 lower-case hex digits. Callers supply it: Node's
 * `crypto` in the main process, WebCrypto (`crypto.subtle.digest`) in a browser, so this code needs neither.
 */
export type Sha256Hex = (text: string) => Promise<string>;

/** The text a report's digest is the SHA-256 of: the canonical JSON of the report without its `digest`. */
export const digestInput = (report: ReportContent | Readonly<Record<string, unknown>>): string => {
  const { digest: _digest, ...content } = report as Readonly<Record<string, unknown>>;
  return canonicalJson(content);
};

/** Adds the digest to a report's content. */
export const withDigest = async (content: ReportContent, sha256Hex: Sha256Hex): Promise<Report> => {
  const digest = await sha256Hex(digestInput(content));
  return ReportSchema.parse({ ...content, digest });
};

/** Whether a report (or any copy of one) verifies, and the digest it should carry. */
export interface DigestCheck {
  readonly valid: boolean;
  /** The digest the copy's content hashes to. */
  readonly expected: string;
  /** The digest the copy carries; null when it has none. */
  readonly found: string | null;
}

/**
 * Checks a report as parsed from any JSON copy (canonical or pretty): recomputes the SHA-256 of the canonical JSON
 * of everything but `digest` and compares. It hashes the value as given, not as the schema would read it, so an
 * added or altered field anywhere fails the check.
 */
export const checkReportDigest = async (value: unknown, sha256Hex: Sha256Hex): Promise<DigestCheck> => {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new TypeError('A report is a JSON object.');
  }
  const found = (value as { digest?: unknown }).digest;
  const expected = await sha256Hex(digestInput(value as Readonly<Record<string, unknown>>));
  return {
    valid: typeof found === 'string' && found === expected,
    expected,
    found: typeof found === 'string' ? found : null,
  };
};

const AnyReportSchema = z.union([ReportSchema, ReportV3Schema, ReportV2Schema, ReportV1Schema]);

/**
 * Reads a report from JSON text and checks its digest; the schema then says whether it is a report of version 4
 * (this build's) or version 3, 2 or 1 (earlier builds'). The digest recipe is the same for all.
 */
export const readReport = async (
  text: string,
  sha256Hex: Sha256Hex,
): Promise<{ readonly report: Report | ReportV3 | ReportV2 | ReportV1; readonly digest: DigestCheck }> => {
  const value: unknown = JSON.parse(text);
  const digest = await checkReportDigest(value, sha256Hex);
  return { report: AnyReportSchema.parse(value), digest };
};
