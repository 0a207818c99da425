import { z } from 'zod';

/** Which of the practice tenant's two servers a request reached. */
export const HostKindSchema = z.enum(['authority', 'graph']);

/** Which of the practice tenant's two servers a request reached. */
export type HostKind = z.infer<typeof HostKindSchema>;

/** What happens to a request that a fault rule matches. */
export const FaultSchema = z.discriminatedUnion('kind', [
  /** 429 Too Many Requests with Retry-After, as Graph throttles: https://learn.microsoft.com/graph/throttling */
  z.object({ kind: z.literal('throttle'), retryAfterSeconds: z.number().int().min(0).default(1) }).readonly(),
  /** 503 Service Unavailable with Retry-After, which Graph's SDK retries like a 429. */
  z
    .object({ kind: z.literal('unavailable'), retryAfterSeconds: z.number().int().min(0).default(1) })
    .readonly(),
  /** The connection is destroyed without a response, before the request is handled. */
  z.object({ kind: z.literal('drop') }).readonly(),
  /**
   * The request is handled (a write reaches the directory), then the connection is destroyed without the answer:
   * the client cannot tell whether its write was made. Inside a `$batch` an item cannot lose its answer alone, so
   * a rule matching an item answers 503 as `drop` does; match the `$batch` request itself to lose a whole batch's
   * answer.
   */
  z.object({ kind: z.literal('drop-after') }).readonly(),
]);

/** What happens to a request that a fault rule matches. */
export type Fault = z.infer<typeof FaultSchema>;

/**
 * A fault injected on chosen requests.
 *
 * `path` is a regular expression tested against the request path without its query string (for Graph, the path
 * after `/v1.0`, e.g. `^/servicePrincipals`). Requests inside a `$batch` are matched by their own method and URL, so
 * a rule can throttle one item of a batch.
 */
export const FaultRuleSchema = z
  .object({
    host: HostKindSchema.default('graph'),
    /** HTTP method to match; any method when absent. */
    method: z.string().toUpperCase().optional(),
    path: z.string().default(''),
    fault: FaultSchema,
    /** How many matching requests the rule affects before it stops; every matching request when absent. */
    times: z.number().int().min(1).optional(),
  })
  .readonly();

/** A fault injected on chosen requests. */
export type FaultRule = z.infer<typeof FaultRuleSchema>;

/** A fault rule as written in a scenario or a test, before defaults. */
export type FaultRuleInput = z.input<typeof FaultRuleSchema>;
