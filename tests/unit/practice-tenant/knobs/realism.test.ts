import { EventEmitter } from 'node:events';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createKnobs, type Knobs } from '../../../../src/main/practice-tenant/knobs/knobs';
import { type RequestHandler, withRealism } from '../../../../src/main/practice-tenant/knobs/realism';

/** The parts of a Node request and response that the realism wrapper touches. */
const exchange = (method: string, url: string) => {
  const socket = { destroyed: false, destroy: () => (socket.destroyed = true) };
  const req = Object.assign(new EventEmitter(), { method, url, socket });
  const res = Object.assign(new EventEmitter(), {
    statusCode: 200,
    headersSent: false,
    headers: {} as Record<string, string>,
    body: undefined as string | undefined,
    setHeader(name: string, value: string) {
      res.headers[name] = value;
    },
    end(body?: string) {
      res.body = body;
      res.headersSent = true;
      res.emit('close');
    },
  });
  return { req, res, socket };
};

let knobs: Knobs;
let handler: ReturnType<typeof vi.fn<RequestHandler>>;
let wrapped: RequestHandler;
const faultAnswers: string[] = [];

beforeEach(() => {
  vi.useFakeTimers();
  knobs = createKnobs();
  faultAnswers.length = 0;
  handler = vi.fn<RequestHandler>(async (_req, res) => {
    res.statusCode = 204;
    res.end();
  });
  wrapped = withRealism(handler, {
    host: 'graph',
    knobs,
    clock: () => 1_700_000_000_000,
    faultPath: (path) => path.replace(/^\/v1\.0/, ''),
    answerFault: (fault, _req, res) => {
      faultAnswers.push(fault.kind);
      res.statusCode = fault.kind === 'throttle' ? 429 : 503;
      res.end();
    },
  });
});

afterEach(() => {
  vi.useRealTimers();
});

const call = (method: string, url: string) => {
  const { req, res, socket } = exchange(method, url);
  const done = wrapped(req as unknown as IncomingMessage, res as unknown as ServerResponse);
  return { done, res, socket };
};

describe('latency knob', () => {
  it('holds every request for the configured latency before the host answers it', async () => {
    knobs.setLatency(300);
    const { done, res } = call('GET', '/v1.0/me');
    await vi.advanceTimersByTimeAsync(299);
    expect(handler).not.toHaveBeenCalled();
    expect(res.headersSent).toBe(false);
    await vi.advanceTimersByTimeAsync(1);
    await done;
    expect(handler).toHaveBeenCalledOnce();
    expect(res.statusCode).toBe(204);
  });

  it('answers at once without latency', async () => {
    await call('GET', '/v1.0/me').done;
    expect(handler).toHaveBeenCalledOnce();
  });
});

describe('fault knobs', () => {
  it('answers the matching request through the host’s fault answer, and only as often as the rule says', async () => {
    knobs.addFault({ path: '^/organization$', fault: { kind: 'throttle', retryAfterSeconds: 3 }, times: 1 });
    const first = call('GET', '/v1.0/organization');
    await first.done;
    expect(first.res.statusCode).toBe(429);
    expect(faultAnswers).toEqual(['throttle']);
    expect(handler).not.toHaveBeenCalled();
    await call('GET', '/v1.0/organization').done;
    expect(handler).toHaveBeenCalledOnce();
  });

  it('drops the connection without an answer and logs status 0', async () => {
    knobs.addFault({ path: '^/me$', fault: { kind: 'drop' } });
    const { done, res, socket } = call('GET', '/v1.0/me');
    await done;
    expect(socket.destroyed).toBe(true);
    expect(res.headersSent).toBe(false);
    expect(handler).not.toHaveBeenCalled();
    res.emit('close');
    expect(knobs.requestLog.entries.at(-1)).toMatchObject({ method: 'GET', path: '/v1.0/me', status: 0 });
  });

  it('handles the request, then drops the connection without its answer and logs status 0', async () => {
    knobs.addFault({ method: 'POST', path: '^/\\$batch$', fault: { kind: 'drop-after' }, times: 1 });
    const { done, res, socket } = call('POST', '/v1.0/$batch');
    await done;
    expect(handler).toHaveBeenCalledOnce();
    expect(socket.destroyed).toBe(true);
    expect(res.headersSent).toBe(false);
    expect(res.body).toBeUndefined();
    res.emit('close');
    expect(knobs.requestLog.entries.at(-1)).toMatchObject({
      method: 'POST',
      path: '/v1.0/$batch',
      status: 0,
    });
    const next = call('POST', '/v1.0/$batch');
    await next.done;
    expect(next.res.statusCode).toBe(204);
    expect(next.socket.destroyed).toBe(false);
  });
});
