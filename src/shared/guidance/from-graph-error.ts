import { z } from 'zod';
import { buildGuidance, compactSupportIds } from './build-guidance';
import { GRAPH_CATALOG, UNEXPECTED_ANSWER_ENTRY, UNKNOWN_ENTRIES } from './catalog';
import type { Guidance } from './guidance';

/**
 * Response headers as any HTTP client gives them: a fetch `Headers` (anything with `get`), or a plain record
 * such as a `$batch` item's `headers` or Node's `IncomingHttpHeaders`.
 */
export type HeaderSource =
  | { get(name: string): string | null }
  | Readonly<Record<string, string | readonly string[] | undefined>>;

/** One failed Graph response: its status, body (parsed or as text) and headers. */
export type GraphErrorResponse = {
  readonly status: number;
  readonly body: unknown;
  readonly headers?: HeaderSource;
};

/**
 * Graph's error body.
 * https://learn.microsoft.com/graph/errors#error-resource-type
 */
const GraphErrorBodySchema = z.looseObject({
  error: z.looseObject({
    code: z.string().nullish(),
    message: z.string().nullish(),
    innerError: z
      .looseObject({
        'request-id': z.string().nullish(),
        'client-request-id': z.string().nullish(),
        date: z.string().nullish(),
      })
      .nullish(),
  }),
});

const header = (headers: HeaderSource | undefined, name: string): string | undefined => {
  if (headers === undefined) return undefined;
  if (typeof headers.get === 'function') return headers.get(name) ?? undefined;
  const record = headers as Readonly<Record<string, string | readonly string[] | undefined>>;
  const key = Object.keys(record).find((k) => k.toLowerCase() === name);
  const value = key === undefined ? undefined : record[key];
  return typeof value === 'string' ? value : value?.[0];
};

/**
 * Seconds to wait from a `Retry-After` header: delay-seconds, or an HTTP date measured against the
 * response's `Date` header (RFC 9110 section 10.2.3). Graph sends seconds.
 * https://learn.microsoft.com/graph/throttling#best-practices-to-handle-throttling
 */
export const parseRetryAfter = (retryAfter: string | undefined, responseDate?: string): number | null => {
  if (retryAfter === undefined) return null;
  const trimmed = retryAfter.trim();
  if (/^\d+$/.test(trimmed)) return Number(trimmed);
  const at = Date.parse(trimmed);
  const now = responseDate === undefined ? Number.NaN : Date.parse(responseDate);
  if (Number.isNaN(at) || Number.isNaN(now)) return null;
  return Math.max(0, Math.ceil((at - now) / 1000));
};

const parseBody = (body: unknown): z.infer<typeof GraphErrorBodySchema>['error'] | null => {
  let value = body;
  if (typeof body === 'string') {
    try {
      value = JSON.parse(body);
    } catch {
      return null;
    }
  }
  const parsed = GraphErrorBodySchema.safeParse(value);
  return parsed.success ? parsed.data.error : null;
};

/**
 * Turns a failed Microsoft Graph response (or one failed item of a `$batch` response) into guidance.
 *
 * Looks up `status:code` first (403 `Authorization_RequestDenied`), then the status alone (429); keeps
 * Graph's message, the `request-id`, `client-request-id` and date for support (from the headers, or from
 * the body's `innerError` when headers are absent, as in batch items), and the `Retry-After` delay.
 */
export const guidanceFromGraphError = (response: GraphErrorResponse): Guidance => {
  const error = parseBody(response.body);
  const code = error?.code ?? '';
  const inner = error?.innerError;
  const date = header(response.headers, 'date');
  const facts = {
    source: 'graph',
    code: code || `HTTP ${response.status}`,
    httpStatus: response.status,
    rawMessage: (error?.message ?? (typeof response.body === 'string' ? response.body : '')).slice(0, 2000),
    retryAfterSeconds: parseRetryAfter(header(response.headers, 'retry-after'), date),
    support: compactSupportIds({
      requestId: header(response.headers, 'request-id') ?? inner?.['request-id'],
      clientRequestId: header(response.headers, 'client-request-id') ?? inner?.['client-request-id'],
      timestamp: date ?? inner?.date,
    }),
  } as const;
  for (const key of [`${response.status}:${code}`, `${response.status}`]) {
    const entry = Object.hasOwn(GRAPH_CATALOG, key) ? GRAPH_CATALOG[key] : undefined;
    if (entry !== undefined) return buildGuidance(`graph:${key}`, true, entry, facts);
  }
  // Any other 5xx is Microsoft's side: worth retrying.
  const entry =
    response.status >= 500
      ? ({ ...UNKNOWN_ENTRIES.graph, whoCanFix: 'wait-and-retry', retryable: true } as const)
      : UNKNOWN_ENTRIES.graph;
  return buildGuidance('unknown:graph', false, entry, facts);
};

/**
 * The `GraphError` thrown by @microsoft/microsoft-graph-client 3: `statusCode`, `code`, `message`,
 * `requestId`, `date`, `body` (the raw error text) and `headers`.
 */
const GraphClientErrorSchema = z.looseObject({
  statusCode: z.number(),
  code: z.string().nullish(),
  message: z.string().nullish(),
  requestId: z.string().nullish(),
  body: z.unknown().optional(),
  headers: z.unknown().optional(),
});

/** Turns a `GraphError` from the Microsoft Graph client library into guidance; null if it is not one. */
export const guidanceFromGraphClientError = (error: unknown): Guidance | null => {
  const parsed = GraphClientErrorSchema.safeParse(error);
  if (!parsed.success || parsed.data.statusCode < 400) return null;
  const e = parsed.data;
  const body = parseBody(e.body) ? e.body : { error: { code: e.code, message: e.message } };
  const headers = e.headers as HeaderSource | undefined;
  const guidance = guidanceFromGraphError({ status: e.statusCode, body, headers });
  if (guidance.support.requestId !== undefined || !e.requestId) return guidance;
  return { ...guidance, support: { ...guidance.support, requestId: e.requestId } };
};

/** What is known of a Graph answer the engine's schema did not accept. */
export type UnexpectedAnswer = {
  /** Where it differs from what the tool expects, for support. */
  readonly detail: string;
  /** Graph's `request-id` of the answer, when known. */
  readonly requestId?: string | null;
};

/**
 * Guidance for an answer from Microsoft Graph that this version cannot read (it fails the engine's schema): the
 * connection is fine, so it is not a lost connection; the request ID is kept for support.
 */
export const guidanceFromUnexpectedAnswer = (answer: UnexpectedAnswer): Guidance =>
  buildGuidance('graph:unexpected-answer', true, UNEXPECTED_ANSWER_ENTRY, {
    source: 'graph',
    code: 'unexpected-answer',
    httpStatus: null,
    rawMessage: answer.detail.slice(0, 2000),
    retryAfterSeconds: null,
    support: compactSupportIds({ requestId: answer.requestId }),
  });
