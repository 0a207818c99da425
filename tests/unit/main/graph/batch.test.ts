import { describe, expect, it } from 'vitest';
import {
  type BatchItem,
  type BatchItemResponse,
  chunkBatchItems,
  runBatched,
  type SendBatch,
} from '../../../../src/main/graph/batch';

const get = (id: string, dependsOn?: string[]): BatchItem => ({
  id,
  method: 'GET',
  url: `/things/${id}`,
  ...(dependsOn ? { dependsOn } : {}),
});

const items = (n: number): BatchItem[] => Array.from({ length: n }, (_, i) => get(String(i + 1)));

/**
 * The dependency shapes Microsoft Graph accepts in one `$batch`, as the Graph JavaScript client's
 * `BatchRequestContent.validateDependencies` checks them: parallel, serial, or all on the same one request.
 */
const shapeOf = (batch: readonly BatchItem[]): 'parallel' | 'serial' | 'same' | 'refused' => {
  const deps = batch.map((i) => i.dependsOn ?? []);
  if (deps.every((d) => d.length === 0)) return 'parallel';
  if (deps.every((d, n) => (n === 0 ? d.length === 0 : d.length === 1 && d[0] === batch[n - 1]?.id)))
    return 'serial';
  const root = batch[0];
  if (
    root !== undefined &&
    deps[0]?.length === 0 &&
    deps.slice(1).every((d) => d.length === 1 && d[0] === root.id)
  )
    return 'same';
  return 'refused';
};

describe('chunkBatchItems', () => {
  it('packs 45 independent requests into 3 batches of at most 20', () => {
    expect(chunkBatchItems(items(45)).batches.map((b) => b.length)).toEqual([20, 20, 5]);
  });

  it('keeps an item in the same batch as the item it depends on', () => {
    const list = [...items(19), get('a'), get('b', ['a'])];
    const { batches } = chunkBatchItems(list);
    const withA = batches.find((batch) => batch.some((i) => i.id === 'a'));
    expect(withA?.some((i) => i.id === 'b')).toBe(true);
    expect(batches.every((b) => b.length <= 20)).toBe(true);
  });

  it('builds only batches Graph accepts: independent requests never share a batch with dependent ones', () => {
    // The creation batch of a run: the target app first, each missing resource depending on it; and requests
    // that depend on nothing. Graph answers 400 to a batch that is neither parallel, serial nor "same".
    const list = [get('x'), get('target'), get('r1', ['target']), get('r2', ['target']), get('y')];
    const { batches, deferred } = chunkBatchItems(list);
    expect(deferred).toEqual([]);
    expect(batches.map((b) => [shapeOf(b), b.map((i) => i.id)])).toEqual([
      ['parallel', ['x', 'y']],
      ['same', ['target', 'r1', 'r2']],
    ]);
  });

  it('sends a chain as a serial batch, and what does not fit waits for its dependency to be answered', () => {
    const chain = Array.from({ length: 23 }, (_, i) => get(`c${i}`, i === 0 ? undefined : [`c${i - 1}`]));
    const { batches, deferred } = chunkBatchItems(chain);
    expect(batches.map(shapeOf)).toEqual(['serial']);
    expect(batches[0]).toHaveLength(20);
    expect(deferred.map((i) => i.id)).toEqual(['c20', 'c21', 'c22']);
  });

  it('splits a tree that is neither a chain nor a star into shapes Graph accepts', () => {
    const tree = [get('a'), get('b', ['a']), get('c', ['a']), get('d', ['b'])];
    const { batches, deferred } = chunkBatchItems(tree);
    expect(batches.map((b) => [shapeOf(b), b.map((i) => i.id)])).toEqual([['same', ['a', 'b', 'c']]]);
    expect(deferred.map((i) => i.id)).toEqual(['d']);
  });

  it('refuses a request with two dependencies, which no shape Graph accepts allows', () => {
    expect(() => chunkBatchItems([get('a'), get('b'), get('c', ['a', 'b'])])).toThrow(/one request/);
  });
});

describe('runBatched', () => {
  const ok = (id: string): BatchItemResponse => ({ id, status: 200, body: { id } });

  it('settles every item, one $batch per 20', async () => {
    const sent: number[] = [];
    const send: SendBatch = async (batch) => {
      sent.push(batch.length);
      return { responses: batch.map((i) => ok(i.id)), requestId: `req-${sent.length}` };
    };
    const result = await runBatched(send, items(41), { sleep: async () => undefined });
    expect(sent).toEqual([20, 20, 1]);
    expect(result.size).toBe(41);
    expect(result.get('41')).toMatchObject({
      batchRequestId: 'req-3',
      attempts: 1,
      response: { status: 200 },
    });
  });

  it('sends throttled items again after the longest Retry-After, with what depended on them', async () => {
    const sleeps: number[] = [];
    const sent = new Map<string, number>();
    const shapes: string[] = [];
    const send: SendBatch = async (batch) => {
      shapes.push(shapeOf(batch));
      return {
        requestId: null,
        responses: batch.map((i): BatchItemResponse => {
          const count = (sent.get(i.id) ?? 0) + 1;
          sent.set(i.id, count);
          if (count === 1 && i.id === 'a') return { id: 'a', status: 429, headers: { 'Retry-After': '7' } };
          if (count === 1 && i.id === 'c') return { id: 'c', status: 503, headers: { 'retry-after': '3' } };
          if (count === 1 && i.id === 'b') return { id: 'b', status: 424 };
          return ok(i.id);
        }),
      };
    };
    const result = await runBatched(send, [get('a'), get('b', ['a']), get('c'), get('d')], {
      sleep: async (ms) => {
        sleeps.push(ms);
      },
    });
    expect(sleeps).toEqual([7000]);
    expect(shapes.every((shape) => shape !== 'refused')).toBe(true);
    expect([...result.values()].every((s) => s.response.status === 200)).toBe(true);
    expect(result.get('a')?.attempts).toBe(2);
    expect(result.get('b')?.attempts).toBe(2);
    expect(result.get('d')?.attempts).toBe(1);
  });

  it('never sends again what depended on a request that failed for good', async () => {
    // The creation batch: Microsoft does not know the target app (400), so Graph answers 424 for the resources
    // that depend on it. Those must stay unwritten: sending them without their dependency would create them.
    const sentIds: string[] = [];
    const send: SendBatch = async (batch) => {
      sentIds.push(...batch.map((i) => i.id));
      return {
        requestId: 'req',
        responses: batch.map((i): BatchItemResponse => {
          if (i.id === 'target')
            return { id: i.id, status: 400, body: { error: { code: 'Request_BadRequest' } } };
          if ((i.dependsOn ?? []).length > 0) return { id: i.id, status: 424 };
          return { id: i.id, status: 201, body: { id: `${i.id}-sp` } };
        }),
      };
    };
    const result = await runBatched(send, [get('target'), get('r1', ['target']), get('r2', ['target'])], {
      sleep: async () => undefined,
    });
    expect(sentIds).toEqual(['target', 'r1', 'r2']);
    expect(result.get('target')?.response.status).toBe(400);
    expect(result.get('r1')).toMatchObject({ attempts: 1, response: { status: 424 } });
    expect(result.get('r2')).toMatchObject({ attempts: 1, response: { status: 424 } });
  });

  it('settles as not sent what waited for a request that then failed, and what depended on that', async () => {
    // A chain longer than one batch: c20 waits for c19, which fails after being throttled.
    const chain = Array.from({ length: 22 }, (_, i) => get(`c${i}`, i === 0 ? undefined : [`c${i - 1}`]));
    const sentIds = new Set<string>();
    const send: SendBatch = async (batch) => {
      let failed = false;
      return {
        requestId: null,
        responses: batch.map((i): BatchItemResponse => {
          sentIds.add(i.id);
          if (failed) return { id: i.id, status: 424 };
          if (i.id === 'c19') {
            failed = true;
            return { id: i.id, status: 403, body: {} };
          }
          return ok(i.id);
        }),
      };
    };
    const result = await runBatched(send, chain, { sleep: async () => undefined });
    expect(sentIds.has('c20')).toBe(false);
    expect(sentIds.has('c21')).toBe(false);
    expect(result.get('c19')?.response.status).toBe(403);
    expect(result.get('c20')).toMatchObject({ attempts: 0, batchRequestId: null, response: { status: 424 } });
    expect(result.get('c21')).toMatchObject({ attempts: 0, response: { status: 424 } });
  });

  it('gives up on an item after maxAttempts and reports its last answer', async () => {
    const send: SendBatch = async (batch) => ({
      requestId: null,
      responses: batch.map((i) => ({ id: i.id, status: 429, headers: {} })),
    });
    const result = await runBatched(send, [get('x')], {
      sleep: async () => undefined,
      maxAttempts: 3,
      defaultRetryAfterMs: 10,
    });
    expect(result.get('x')).toMatchObject({ attempts: 3, response: { status: 429 } });
  });

  it('treats an error answer such as 403 as final, without sending it again', async () => {
    let calls = 0;
    const send: SendBatch = async (batch) => {
      calls += 1;
      return { requestId: null, responses: batch.map((i) => ({ id: i.id, status: 403, body: {} })) };
    };
    const result = await runBatched(send, [get('x')], { sleep: async () => undefined });
    expect(calls).toBe(1);
    expect(result.get('x')?.response.status).toBe(403);
  });

  it('reports progress after each batch', async () => {
    const progress: string[] = [];
    const send: SendBatch = async (batch) => ({ requestId: null, responses: batch.map((i) => ok(i.id)) });
    await runBatched(send, items(25), {
      sleep: async () => undefined,
      onProgress: (done, total) => progress.push(`${done}/${total}`),
    });
    expect(progress).toEqual(['20/25', '25/25']);
  });
});
