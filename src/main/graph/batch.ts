import { z } from 'zod';

/**
 * Microsoft Graph JSON batching: at most 20 requests in one `$batch`, each answered with its own status.
 * https://learn.microsoft.com/graph/json-batching
 */
export const MAX_BATCH_REQUESTS = 20;

/** One request inside a `$batch`. `url` is relative to the version root (`/servicePrincipals`). */
export interface BatchItem {
  readonly id: string;
  readonly method: 'GET' | 'POST' | 'PATCH' | 'DELETE';
  readonly url: string;
  readonly body?: unknown;
  /** IDs of items in the same batch that must succeed first; Graph answers 424 when one fails. */
  readonly dependsOn?: readonly string[];
}

/** One item's answer inside a `$batch` response. */
export const BatchItemResponseSchema = z.object({
  id: z.string(),
  status: z.number().int(),
  headers: z.record(z.string(), z.string()).optional(),
  body: z.unknown().optional(),
});

/** One item's answer. */
export type BatchItemResponse = z.infer<typeof BatchItemResponseSchema>;

/** The body of a `$batch` response. */
export const BatchResponseSchema = z.object({ responses: z.array(BatchItemResponseSchema) });

/** What one `$batch` HTTP request returned: the items' answers and the batch's own `request-id`. */
export interface SentBatch {
  readonly responses: readonly BatchItemResponse[];
  readonly requestId: string | null;
}

/** Sends one `$batch` of at most 20 items. */
export type SendBatch = (items: readonly BatchItem[]) => Promise<SentBatch>;

/** The final answer for one item, with the `request-id` of the batch that carried it. */
export interface SettledItem {
  readonly response: BatchItemResponse;
  readonly batchRequestId: string | null;
  readonly attempts: number;
}

/** Options of `runBatched`. */
export interface RunBatchedOptions {
  readonly sleep: (ms: number) => Promise<void>;
  /** How many times an item is sent at most (first try included). */
  readonly maxAttempts?: number;
  /** Wait used when a throttled item gives no Retry-After. */
  readonly defaultRetryAfterMs?: number;
  /** Called after each `$batch` with how many items are settled of all. */
  readonly onProgress?: (settled: number, total: number) => void;
  /** Awaited before each `$batch` is sent, with its items (the journal records writes before they are sent). */
  readonly beforeSend?: (items: readonly BatchItem[]) => Promise<void>;
  /** Awaited as each item gets its final answer, before the next `$batch` is sent. */
  readonly onSettled?: (id: string, item: SettledItem) => Promise<void>;
}

/** Statuses worth sending again: throttled, unavailable, and 424 (its dependency failed for such a reason). */
const RETRYABLE = new Set([429, 503, 504, 424]);

const retryAfterMs = (response: BatchItemResponse, fallback: number): number => {
  const header = Object.entries(response.headers ?? {}).find(([k]) => k.toLowerCase() === 'retry-after')?.[1];
  const seconds = header === undefined ? Number.NaN : Number(header);
  return Number.isFinite(seconds) && seconds >= 0 ? seconds * 1000 : fallback;
};

/**
 * Splits items into batches of at most 20, keeping every item in the same batch as the items it depends on
 * (Graph resolves `dependsOn` only inside one batch). A dependency chain longer than 20 is refused.
 */
export const chunkBatchItems = (items: readonly BatchItem[]): readonly (readonly BatchItem[])[] => {
  const byId = new Map(items.map((item) => [item.id, item]));
  const groupOf = new Map<string, BatchItem[]>();
  const groups: BatchItem[][] = [];
  for (const item of items) {
    const dependency = item.dependsOn?.find((id) => byId.has(id));
    const group = dependency === undefined ? undefined : groupOf.get(dependency);
    if (group === undefined) {
      const fresh = [item];
      groups.push(fresh);
      groupOf.set(item.id, fresh);
    } else {
      group.push(item);
      groupOf.set(item.id, group);
    }
  }
  const batches: BatchItem[][] = [];
  for (const group of groups) {
    if (group.length > MAX_BATCH_REQUESTS) {
      throw new Error(`A dependency chain of ${group.length} requests does not fit in one $batch.`);
    }
    const last = batches.at(-1);
    if (last !== undefined && last.length + group.length <= MAX_BATCH_REQUESTS) last.push(...group);
    else batches.push([...group]);
  }
  return batches;
};

/**
 * Sends items in as few `$batch` requests as Graph allows and settles every item.
 *
 * Throttled (429) and unavailable (503, 504) items are sent again after the longest Retry-After among them, as
 * Graph's throttling guidance asks (https://learn.microsoft.com/graph/throttling); items that failed only
 * because a dependency did (424) go with them. Every other answer, success or error, is final for its item.
 */
export const runBatched = async (
  send: SendBatch,
  items: readonly BatchItem[],
  options: RunBatchedOptions,
): Promise<ReadonlyMap<string, SettledItem>> => {
  const maxAttempts = options.maxAttempts ?? 5;
  const fallback = options.defaultRetryAfterMs ?? 2000;
  const settled = new Map<string, SettledItem>();
  const attempts = new Map<string, number>();
  let pending = [...items];

  while (pending.length > 0) {
    const retry: BatchItem[] = [];
    let waitMs = 0;
    for (const batch of chunkBatchItems(pending)) {
      await options.beforeSend?.(batch);
      const sent = await send(batch);
      const answers = new Map(sent.responses.map((r) => [r.id, r]));
      for (const item of batch) {
        const count = (attempts.get(item.id) ?? 0) + 1;
        attempts.set(item.id, count);
        const response = answers.get(item.id) ?? {
          id: item.id,
          status: 502,
          body: { error: 'no answer in batch' },
        };
        if (RETRYABLE.has(response.status) && count < maxAttempts) {
          retry.push(item);
          if (response.status !== 424) waitMs = Math.max(waitMs, retryAfterMs(response, fallback));
        } else {
          const final = { response, batchRequestId: sent.requestId, attempts: count };
          settled.set(item.id, final);
          await options.onSettled?.(item.id, final);
        }
      }
      options.onProgress?.(settled.size, items.length);
    }
    // A retried item's dependencies that already succeeded are dropped from dependsOn: they are done.
    pending = retry.map((item) => {
      const dependsOn = item.dependsOn?.filter((id) => !settled.has(id));
      return dependsOn === undefined || dependsOn.length > 0
        ? { ...item, dependsOn }
        : { ...item, dependsOn: undefined };
    });
    if (pending.length > 0) await options.sleep(waitMs);
  }
  return settled;
};
