import type { CallTransport, SubscribeTransport } from '../../shared/bridge/define';
import { BridgeError } from '../../shared/bridge/errors';
import { type BridgeOutcome, type WireRequest, WireServerMessageSchema } from '../../shared/bridge/wire';

/** A bridge transport over the preview host's WebSocket. */
export interface WebSocketTransport {
  readonly call: CallTransport;
  readonly subscribe: SubscribeTransport;
  /** Resolves when the socket is open; rejects if the host refuses it. */
  readonly ready: Promise<void>;
  /** Called once when the connection is lost. */
  onClose(listener: () => void): void;
}

const disconnected: BridgeOutcome = {
  ok: false,
  error: {
    code: 'disconnected',
    message: 'The connection to the app was lost. Reload the page to reconnect.',
  },
};

/** Opens the bridge WebSocket at `url` (which carries the per-launch secret). */
export const openWebSocketTransport = (url: string): WebSocketTransport => {
  const socket = new WebSocket(url);
  const pending = new Map<number, (outcome: BridgeOutcome) => void>();
  const listeners = new Map<string, Set<(payload: unknown) => void>>();
  const closeListeners = new Set<() => void>();
  let nextId = 0;
  let closed = false;

  const ready = new Promise<void>((resolve, reject) => {
    socket.addEventListener('open', () => resolve(), { once: true });
    socket.addEventListener(
      'close',
      () => reject(new BridgeError({ code: 'disconnected', message: 'The app refused the connection.' })),
      { once: true },
    );
  });
  // Callers that never await `ready` must not see an unhandled rejection.
  ready.catch(() => undefined);

  socket.addEventListener('message', (event) => {
    let data: unknown;
    try {
      data = JSON.parse(String(event.data));
    } catch {
      return;
    }
    const message = WireServerMessageSchema.safeParse(data);
    if (!message.success) return;
    if (message.data.kind === 'response') {
      pending.get(message.data.id)?.(message.data.outcome);
      pending.delete(message.data.id);
    } else {
      for (const listener of listeners.get(message.data.name) ?? []) listener(message.data.payload);
    }
  });
  socket.addEventListener('close', () => {
    closed = true;
    for (const resolve of pending.values()) resolve(disconnected);
    pending.clear();
    for (const listener of closeListeners) listener();
  });

  const call: CallTransport = async (method, payload) => {
    // Once open, a request is sent in the caller's task, before anything the caller changed is drawn.
    if (socket.readyState === WebSocket.CONNECTING) await ready;
    if (closed) return disconnected;
    const id = nextId++;
    const request: WireRequest = { kind: 'request', id, method, payload };
    return new Promise<BridgeOutcome>((resolve) => {
      pending.set(id, resolve);
      socket.send(JSON.stringify(request));
    });
  };

  const subscribe: SubscribeTransport = (event, listener) => {
    const set = listeners.get(event) ?? new Set();
    listeners.set(event, set);
    set.add(listener);
    return () => set.delete(listener);
  };

  return { call, subscribe, ready, onClose: (listener) => closeListeners.add(listener) };
};
