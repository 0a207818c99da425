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
  /**
   * Headers of this one request: in a `$batch`, Graph reads request headers such as `ConsistencyLevel` from each
   * item, not from the batch (https://learn.microsoft.com/graph/aad-advanced-queries, batch note).
   */
  readonly headers?: Readonly<Record<string, string>>;
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

/** Statuses worth sending again: throttled or unavailable. */
const RETRYABLE = new Set([429, 503, 504]);

/** Graph's "Failed Dependency": the request was not run because one it depends on failed. */
const FAILED_DEPENDENCY = 424;

const succeeded = (response: BatchItemResponse): boolean => response.status >= 200 && response.status < 300;

const retryAfterMs = (response: BatchItemResponse, fallback: number): number => {
  const header = Object.entries(response.headers ?? {}).find(([k]) => k.toLowerCase() === 'retry-after')?.[1];
  const seconds = header === undefined ? Number.NaN : Number(header);
  return Number.isFinite(seconds) && seconds >= 0 ? seconds * 1000 : fallback;
};

/** The batches of one round, and the items that must wait for an answer of this round first. */
export interface BatchChunks {
  readonly batches: readonly (readonly BatchItem[])[];
  /** Items whose dependency is sent in this round but could not share its batch. */
  readonly deferred: readonly BatchItem[];
}

/**
 * Splits items into batches that Microsoft Graph accepts: at most 20 requests, and dependencies in one of the
 * three shapes Graph runs, which the Graph JavaScript client's `BatchRequestContent` validator also enforces:
 * parallel (no request depends on another), serial (each depends on the one before it), or "same" (every
 * dependent names the same one request). Graph answers any other shape with 400 "Batch should be either fully
 * sequential or fully parallel" (https://learn.microsoft.com/graph/json-batching, "Sequencing requests with the
 * dependsOn property"). So independent requests never share a batch with dependent ones, a chain goes as a serial
 * batch, and a tree as its root with the requests that depend on it directly; what does not fit (past 20, or
 * deeper in a tree) is deferred until its dependency has been answered, since Graph resolves `dependsOn` only
 * inside one batch. Every `dependsOn` must name one other item.
 */
export const chunkBatchItems = (items: readonly BatchItem[]): BatchChunks => {
  const ids = new Set(items.map((item) => item.id));
  const children = new Map<string, BatchItem[]>();
  const roots: BatchItem[] = [];
  for (const item of items) {
    const dependsOn = item.dependsOn ?? [];
    if (dependsOn.length > 1) {
      throw new Error(`${item.id} depends on more than one request; Graph accepts only one.`);
    }
    const [dependency] = dependsOn;
    if (dependency === undefined) {
      roots.push(item);
    } else if (!ids.has(dependency) || dependency === item.id) {
      throw new Error(`${item.id} depends on ${dependency}, which is not another request of these.`);
    } else {
      children.set(dependency, [...(children.get(dependency) ?? []), item]);
    }
  }
  const subtree = (root: BatchItem): BatchItem[] => [
    root,
    ...(children.get(root.id) ?? []).flatMap((child) => subtree(child)),
  ];

  const batches: BatchItem[][] = [];
  const deferred: BatchItem[] = [];
  let parallel: BatchItem[] | undefined;
  for (const root of roots) {
    const tree = subtree(root);
    if (tree.length === 1) {
      if (parallel === undefined || parallel.length === MAX_BATCH_REQUESTS) {
        parallel = [];
        batches.push(parallel);
      }
      parallel.push(root);
      continue;
    }
    const chain = tree.every((item) => (children.get(item.id) ?? []).length <= 1);
    // A chain is serial; anything else goes as "same": the root and what depends on it directly.
    const batch = chain
      ? tree.slice(0, MAX_BATCH_REQUESTS)
      : [root, ...(children.get(root.id) ?? [])].slice(0, MAX_BATCH_REQUESTS);
    const inBatch = new Set(batch.map((item) => item.id));
    batches.push(batch);
    deferred.push(...tree.filter((item) => !inBatch.has(item.id)));
  }
  if (batches.reduce((n, batch) => n + batch.length, deferred.length) !== items.length) {
    throw new Error('Some requests depend on each other in a cycle.');
  }
  return { batches, deferred };
};

/**
 * Sends items in as few `$batch` requests as Graph allows and settles every item.
 *
 * Throttled (429) and unavailable (503, 504) items are sent again after the longest Retry-After among them, as
 * Graph's throttling guidance asks (https://learn.microsoft.com/graph/throttling); items that Graph did not run
 * because such an item failed (424) go with them, still depending on it. Every other answer, success or error, is
 * final for its item. An item whose dependency failed for good is never sent again, nor sent at all if it was
 * still waiting: it settles with Graph's 424, or with a 424 of its own (`attempts: 0`) when it was never sent.
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
  const settle = async (id: string, final: SettledItem): Promise<void> => {
    settled.set(id, final);
    await options.onSettled?.(id, final);
  };
  const failedDependency = (item: BatchItem): string | undefined =>
    item.dependsOn?.find((id) => {
      const answer = settled.get(id);
      return answer !== undefined && !succeeded(answer.response);
    });
  let pending = [...items];

  while (pending.length > 0) {
    // Dependencies answered since: a success is done (dropped from dependsOn); a failure means the item is not
    // to be written at all, nor anything that depends on it in turn.
    let changed = true;
    while (changed) {
      changed = false;
      const waiting: BatchItem[] = [];
      for (const item of pending) {
        const failed = failedDependency(item);
        if (failed === undefined) {
          waiting.push(item);
          continue;
        }
        changed = true;
        await settle(item.id, {
          response: {
            id: item.id,
            status: FAILED_DEPENDENCY,
            body: {
              error: {
                code: 'FailedDependency',
                message: `Not sent: the request it depends on (${failed}) failed with status ${settled.get(failed)?.response.status}.`,
              },
            },
          },
          batchRequestId: null,
          attempts: attempts.get(item.id) ?? 0,
        });
      }
      pending = waiting;
    }
    pending = pending.map((item) => {
      const dependsOn = item.dependsOn?.filter((id) => !settled.has(id));
      return dependsOn === undefined || dependsOn.length > 0
        ? { ...item, dependsOn }
        : { ...item, dependsOn: undefined };
    });
    if (pending.length === 0) break;

    const { batches, deferred } = chunkBatchItems(pending);
    const retry: BatchItem[] = [];
    let waitMs = 0;
    for (const batch of batches) {
      await options.beforeSend?.(batch);
      const sent = await send(batch);
      const answers = new Map(sent.responses.map((r) => [r.id, r]));
      const answerOf = (item: BatchItem): BatchItemResponse =>
        answers.get(item.id) ?? { id: item.id, status: 502, body: { error: 'no answer in batch' } };
      // Batch order puts every dependency before its dependents, so a 424's dependency is decided first: a 424
      // goes again with a dependency that goes again, and is final when its dependency failed for good.
      for (const item of batch) {
        const count = (attempts.get(item.id) ?? 0) + 1;
        attempts.set(item.id, count);
        const response = answerOf(item);
        const again =
          count < maxAttempts &&
          (RETRYABLE.has(response.status) ||
            (response.status === FAILED_DEPENDENCY && failedDependency(item) === undefined));
        if (again) {
          retry.push(item);
          if (response.status !== FAILED_DEPENDENCY) {
            waitMs = Math.max(waitMs, retryAfterMs(response, fallback));
          }
        } else {
          await settle(item.id, { response, batchRequestId: sent.requestId, attempts: count });
        }
      }
      options.onProgress?.(settled.size, items.length);
    }
    pending = [...retry, ...deferred];
    if (retry.length > 0) await options.sleep(waitMs);
  }
  return settled;
};
