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

describe('chunkBatchItems', () => {
  it('packs 45 independent requests into 3 batches of at most 20', () => {
    expect(chunkBatchItems(items(45)).map((b) => b.length)).toEqual([20, 20, 5]);
  });

  it('keeps an item in the same batch as the item it depends on', () => {
    const list = [...items(19), get('a'), get('b', ['a'])];
    const batches = chunkBatchItems(list);
    const withA = batches.find((batch) => batch.some((i) => i.id === 'a'));
    expect(withA?.some((i) => i.id === 'b')).toBe(true);
    expect(batches.every((b) => b.length <= 20)).toBe(true);
  });

  it('refuses a dependency chain that cannot fit in one batch', () => {
    const chain = Array.from({ length: 21 }, (_, i) => get(`c${i}`, i === 0 ? undefined : [`c${i - 1}`]));
    expect(() => chunkBatchItems(chain)).toThrow(/does not fit/);
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
    let round = 0;
    const send: SendBatch = async (batch) => {
      round += 1;
      return {
        requestId: `r${round}`,
        responses: batch.map((i): BatchItemResponse => {
          if (round === 1 && i.id === 'a') return { id: 'a', status: 429, headers: { 'Retry-After': '7' } };
          if (round === 1 && i.id === 'c') return { id: 'c', status: 503, headers: { 'retry-after': '3' } };
          if (round === 1 && i.id === 'b') return { id: 'b', status: 424 };
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
    expect([...result.values()].every((s) => s.response.status === 200)).toBe(true);
    expect(result.get('a')?.attempts).toBe(2);
    expect(result.get('b')?.attempts).toBe(2);
    expect(result.get('d')?.attempts).toBe(1);
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
