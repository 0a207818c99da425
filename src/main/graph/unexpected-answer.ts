import type { z } from 'zod';

/**
 * Microsoft Graph answered, but not in a shape the engine's schema accepts (a `null` where the schema expects a
 * value, a property of another type). The connection is fine: this version of the tool does not understand the
 * answer, and the request ID lets Microsoft and the tool's maintainers find it.
 */
export class UnexpectedAnswerError extends Error {
  override readonly name = 'UnexpectedAnswerError';
  constructor(
    /** What was read: a `$batch` item's ID or a page's URL. */
    readonly what: string,
    /** Graph's `request-id` of the answer (the item's, or else its `$batch` request's), when known. */
    readonly requestId: string | null,
    /** Where the answer differs from the schema, as "path: problem" lines. */
    readonly issues: readonly string[],
  ) {
    super(
      `Microsoft Graph answered ${what} in a shape this version does not understand: ${issues.join('; ')}`,
    );
  }
}

/** The `request-id` header of a `$batch` item's answer, if it has one. */
export const itemRequestId = (headers: Readonly<Record<string, string>> | undefined): string | null =>
  Object.entries(headers ?? {}).find(([name]) => name.toLowerCase() === 'request-id')?.[1] ?? null;

/** Parses a Graph answer with the engine's schema; a mismatch throws {@link UnexpectedAnswerError}. */
export const parseAnswer = <T extends z.ZodType>(
  schema: T,
  body: unknown,
  what: string,
  requestId: string | null,
): z.infer<T> => {
  const parsed = schema.safeParse(body);
  if (parsed.success) return parsed.data;
  throw new UnexpectedAnswerError(
    what,
    requestId,
    parsed.error.issues.slice(0, 5).map((issue) => `${issue.path.join('.') || '(body)'}: ${issue.message}`),
  );
};
