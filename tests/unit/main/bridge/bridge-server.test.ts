import { describe, expect, it, vi } from 'vitest';
import { z } from 'zod';
import { createBridgeServer } from '../../../../src/main/bridge/bridge-server';
import { bridgeContract } from '../../../../src/shared/bridge/contract';
import { buildBridgeApi, type ContractShape, request } from '../../../../src/shared/bridge/define';
import { BridgeError } from '../../../../src/shared/bridge/errors';
import { createBridgeTestCore } from '../../../support/test-core';

const log = () => ({ error: vi.fn() });
const appBridge = (errorLog = log()) =>
  createBridgeServer(bridgeContract, createBridgeTestCore('1.2.3').handlers, errorLog);

describe('bridge server', () => {
  it('answers a well-formed request with the handler result', async () => {
    const outcome = await appBridge().handle('client.check', { text: 'contoso.com' });
    expect(outcome).toEqual({
      ok: true,
      result: { valid: true, identifier: { kind: 'domain', domain: 'contoso.com' } },
    });
  });

  it.each([
    ['a number instead of an object', 42],
    ['a missing field', {}],
    ['a field of the wrong type', { text: 7 }],
    ['an unexpected extra field', { text: 'contoso.com', admin: true }],
    ['an oversized field', { text: 'a'.repeat(2000) }],
    ['null', null],
  ])('rejects %s with a typed invalid-request error naming the field', async (_, payload) => {
    const outcome = await appBridge().handle('client.check', payload);
    expect(outcome.ok).toBe(false);
    if (outcome.ok) return;
    expect(outcome.error.code).toBe('invalid-request');
    expect(outcome.error.issues?.length).toBeGreaterThan(0);
  });

  it('names the offending field of a malformed payload', async () => {
    const outcome = await appBridge().handle('client.check', { text: 7 });
    expect(outcome).toMatchObject({ ok: false, error: { issues: [{ path: 'text' }] } });
  });

  it.each(['client.delete', 'client', 'client.check.extra', '__proto__.toString', 'constructor.name'])(
    'rejects the unknown method %j',
    async (method) => {
      expect(await appBridge().handle(method, {})).toMatchObject({
        ok: false,
        error: { code: 'unknown-method' },
      });
    },
  );

  it('turns a crashing handler into an internal error without leaking its details', async () => {
    const contract = {
      requests: { demo: { boom: request(z.object({}), z.object({})) } },
      events: {},
    } as const;
    const errorLog = log();
    const server = createBridgeServer(
      contract,
      {
        demo: {
          boom: async () => {
            throw new Error('secret path /home/tech/token');
          },
        },
      },
      errorLog,
    );
    const outcome = await server.handle('demo.boom', {});
    expect(outcome).toMatchObject({ ok: false, error: { code: 'internal' } });
    expect(JSON.stringify(outcome)).not.toContain('secret path');
    expect(errorLog.error).toHaveBeenCalledOnce();
  });

  it('validates events before any transport sees them', () => {
    const contract = {
      requests: {},
      events: { run: { progress: z.object({ done: z.number() }) } },
    } as const satisfies ContractShape;
    const server = createBridgeServer(contract, {}, log());
    const sink = vi.fn();
    const unsubscribe = server.subscribe(sink);
    server.emit('run.progress', { done: 3 });
    expect(() => server.emit('run.progress', { done: 'three' })).toThrow();
    expect(() => server.emit('run.unknown', {})).toThrow(/no event/);
    unsubscribe();
    server.emit('run.progress', { done: 4 });
    expect(sink.mock.calls).toEqual([['run.progress', { done: 3 }]]);
  });
});

describe('renderer bridge API', () => {
  it('rejects with a BridgeError carrying the code when the main process refuses a request', async () => {
    const server = appBridge();
    const api = buildBridgeApi(
      bridgeContract,
      (method, payload) => server.handle(method, payload),
      () => () => {},
    );
    // A renderer bug (or a hostile page) sending the wrong type gets a typed error, never a crash.
    const error = await api.client.check({ text: 1 as unknown as string }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(BridgeError);
    expect((error as BridgeError).code).toBe('invalid-request');
  });

  it('delivers events to domain-shaped subscriptions and drops payloads of the wrong shape', () => {
    const contract = {
      requests: {},
      events: { run: { progress: z.object({ done: z.number() }) } },
    } as const satisfies ContractShape;
    const listeners = new Map<string, (payload: unknown) => void>();
    const api = buildBridgeApi(
      contract,
      async () => ({ ok: true, result: null }),
      (event, listener) => {
        listeners.set(event, listener);
        return () => listeners.delete(event);
      },
    );
    const received: number[] = [];
    const unsubscribe = api.run.onProgress((p) => received.push(p.done));
    listeners.get('run.progress')?.({ done: 1 });
    listeners.get('run.progress')?.({ done: 'x' });
    unsubscribe();
    expect(received).toEqual([1]);
    expect(listeners.size).toBe(0);
  });
});
