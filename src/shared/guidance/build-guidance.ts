import type { CatalogEntry, ErrorSource, Guidance, SupportIds } from './guidance';

/** The facts read from one error, before the catalog's words are added. */
export type ErrorFacts = {
  readonly source: ErrorSource;
  readonly code: string;
  readonly httpStatus: number | null;
  readonly rawMessage: string;
  readonly retryAfterSeconds: number | null;
  readonly support: SupportIds;
};

/** Puts a catalog entry and an error's facts together. */
export const buildGuidance = (
  catalogKey: string,
  known: boolean,
  entry: CatalogEntry,
  facts: ErrorFacts,
): Guidance => ({ ...entry, ...facts, catalogKey, known });

const TRACE_LINE =
  /\b(Trace ID|Correlation ID|Timestamp):\s*([0-9a-fA-F-]{36}|\d{4}-\d{2}-\d{2}[ T][0-9:.]+Z?)/g;

/**
 * Reads the `Trace ID: … Correlation ID: … Timestamp: …` lines Microsoft appends to an AADSTS description.
 */
export const supportIdsInText = (text: string): SupportIds => {
  const ids: { traceId?: string; correlationId?: string; timestamp?: string } = {};
  for (const match of text.matchAll(TRACE_LINE)) {
    const [, label, value] = match;
    if (value === undefined) continue;
    if (label === 'Trace ID') ids.traceId ??= value;
    else if (label === 'Correlation ID') ids.correlationId ??= value;
    else ids.timestamp ??= value;
  }
  return ids;
};

/** Removes undefined and empty identifiers so the support block holds only what is known. */
export const compactSupportIds = (
  ids: Readonly<Partial<Record<keyof SupportIds, string | null | undefined>>>,
): SupportIds =>
  Object.fromEntries(
    Object.entries(ids).filter(
      (entry): entry is [string, string] => typeof entry[1] === 'string' && entry[1] !== '',
    ),
  );

/**
 * Microsoft's message without the trace lines and msal's decorations, as a person would quote it:
 * `AADSTS65004: User declined to consent to access the app.`
 */
export const cleanMessage = (text: string): string => {
  const description = /Description:\s*([\s\S]*?)(?:\s+-\s+Correlation ID:|$)/.exec(text)?.[1] ?? text;
  const fromCode = description.indexOf('AADSTS');
  const start = fromCode >= 0 ? description.slice(fromCode) : description;
  const firstLine = start.split(/\r?\n|\s(?=Trace ID:)/)[0] ?? '';
  return firstLine.replace(/\s+/g, ' ').trim().slice(0, 2000);
};
