import { type BatchItem, runBatched, type SendBatch, type SettledItem } from '../graph/batch';
import type { PlannedWrite } from './plan-requests';
import type { StepContext } from './run-environment';
import { type WriteResult, writeResult } from './write-outcome';

/** How one write ended, with Graph's answer (a created service principal's body gives its ID and permissions). */
export type SentWrite = WriteResult & { readonly body: unknown };

/**
 * Sends writes through `$batch`, journaling each before it is sent and as soon as its answer is final, so a crash
 * at any moment leaves a journal that says which writes may have reached the tenant. `dependsOn` names, for a
 * write, the IDs of writes Graph must finish first (in the same `$batch`).
 * https://learn.microsoft.com/graph/json-batching#sequencing-requests-with-the-dependson-property
 */
export const sendJournaledWrites = async (
  context: StepContext,
  sendBatch: SendBatch,
  sleep: (ms: number) => Promise<void>,
  writes: readonly PlannedWrite[],
  label: string,
  dependsOn?: (write: PlannedWrite, ids: ReadonlyMap<PlannedWrite, string>) => readonly string[] | undefined,
): Promise<Map<PlannedWrite, SentWrite>> => {
  const ids = new Map<PlannedWrite, string>();
  // Numbered after the writes the journal holds already.
  let next = context.record().writes.length;
  for (const write of writes) {
    next += 1;
    ids.set(write, `w${next}`);
  }
  const byId = new Map([...ids.entries()].map(([write, id]) => [id, write]));
  const writeOf = (id: string): PlannedWrite => {
    const write = byId.get(id);
    if (write === undefined) throw new Error(`Unknown write ${id}`);
    return write;
  };
  const items: BatchItem[] = writes.map((write) => {
    const depends = dependsOn?.(write, ids);
    return {
      ...write.item,
      id: ids.get(write) ?? '',
      dependsOn: depends,
    };
  });
  const started = new Set<string>();
  const results = new Map<PlannedWrite, SentWrite>();
  let settledCount = 0;
  context.progress('grant', `${label}…`, 0, writes.length);
  await runBatched(sendBatch, items, {
    sleep,
    beforeSend: async (batch) => {
      for (const item of batch) {
        if (started.has(item.id)) continue;
        started.add(item.id);
        await context.append({
          type: 'write-started',
          at: context.stamp(),
          writeId: item.id,
          intent: writeOf(item.id).intent,
          request: {
            method: writeMethod(item.method),
            url: item.url,
            body: (item.body ?? null) as Record<string, unknown> | null,
          },
        });
      }
    },
    onSettled: async (id, settled: SettledItem) => {
      const write = writeOf(id);
      const result = writeResult(write.intent, settled);
      // A write never sent (what it depended on failed first) leaves no entry: the journal lists only what was
      // sent; one Graph did not run because its dependency failed ends as failed with Graph's 424.
      if (started.has(id))
        await context.append({ type: 'write-finished', at: context.stamp(), writeId: id, ...result });
      results.set(write, { ...result, body: settled.response.body });
      settledCount += 1;
      context.progress('grant', `${label}…`, settledCount, writes.length);
    },
  });
  return results;
};

const writeMethod = (method: BatchItem['method']): 'POST' | 'PATCH' | 'DELETE' => {
  if (method === 'GET') throw new Error('A read is not a write.');
  return method;
};
