import { REDACTED_TOKEN, redactText } from '../redaction/redact-text';
import { wellFormed } from './canonical-json';

// Report text comes from the tenant and from Microsoft's error messages, which can quote a redirect URL, a request
// or a header: the app's one text redactor (the log's too) removes what they might hold.

export { REDACTED_TOKEN };

/**
 * Removes anything token-like from one string of a report, as the log does (src/shared/redaction/redact-text.ts).
 * Also makes the string well formed (a lone surrogate becomes U+FFFD), so that every format and every JSON tool
 * sees the same text.
 */
export const redactReportText = (text: string): string => redactText(wellFormed(text));

/** Applies {@link redactReportText} to every string in a JSON-shaped value (object keys included). */
export const redactReportStrings = <T>(value: T): T => redactJson(value) as T;

const redactJson = (value: unknown): unknown => {
  if (typeof value === 'string') return redactReportText(value);
  if (Array.isArray(value)) return value.map(redactJson);
  if (typeof value === 'object' && value !== null) {
    return Object.fromEntries(
      Object.entries(value).map(([key, inner]) => [redactReportText(key), redactJson(inner)]),
    );
  }
  return value;
};
