import { randomBytes, timingSafeEqual } from 'node:crypto';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Duplex } from 'node:stream';
import sirv from 'sirv';
import { type WebSocket, WebSocketServer } from 'ws';
import { WireRequestSchema, type WireServerMessage } from '../../shared/bridge/wire';
import type { BridgeServer } from '../bridge/bridge-server';
import { rendererCsp } from '../security/renderer-csp';

/** Options of the browser preview host. */
export interface PreviewHostOptions {
  /** The built renderer (electron-vite's out/renderer). */
  readonly rendererDir: string;
  readonly bridge: BridgeServer;
  /** 0 (the default) picks a free port. */
  readonly port?: number;
}

/** A running preview host. */
export interface PreviewHost {
  /** The URL to open, carrying the secret in its fragment (never sent to a server by the browser). */
  readonly url: string;
  /** The only Origin allowed to open the bridge. */
  readonly origin: string;
  /** The WebSocket endpoint, without the secret. */
  readonly bridgeUrl: string;
  readonly secret: string;
  close(): Promise<void>;
}

/** Path of the bridge endpoint; the renderer derives it from its own location. */
export const BRIDGE_PATH = '/bridge';

const MAX_MESSAGE_BYTES = 1024 * 1024;

const sameSecret = (given: string | null, secret: string): boolean => {
  if (given === null) return false;
  const a = Buffer.from(given);
  const b = Buffer.from(secret);
  return a.length === b.length && timingSafeEqual(a, b);
};

const refuse = (socket: Duplex, status: 401 | 403 | 404, reason: string): void => {
  socket.end(`HTTP/1.1 ${status} ${reason}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`);
};

/**
 * Serves the built renderer to a browser on 127.0.0.1 and carries the bridge over a WebSocket.
 *
 * Only a client that presents the per-launch secret, from the host's own Origin and Host, can open the bridge,
 * so neither a web page in the same browser nor another local user can drive the main process.
 */
export const startPreviewHost = async (options: PreviewHostOptions): Promise<PreviewHost> => {
  const secret = randomBytes(32).toString('base64url');
  const wss = new WebSocketServer({ noServer: true, maxPayload: MAX_MESSAGE_BYTES });
  let origin = '';
  let host = '';

  const serveStatic = sirv(options.rendererDir, {
    dev: false,
    etag: true,
    setHeaders: (res) => {
      res.setHeader('Content-Security-Policy', rendererCsp(origin));
      res.setHeader('X-Content-Type-Options', 'nosniff');
      res.setHeader('Referrer-Policy', 'no-referrer');
      res.setHeader('Cross-Origin-Opener-Policy', 'same-origin');
    },
  });

  const server: Server = createServer((req, res) => {
    // A DNS-rebinding page reaches us under another Host name: serve nothing to it.
    if (req.headers.host !== host) {
      res.writeHead(421).end();
      return;
    }
    serveStatic(req, res, () => {
      res.writeHead(404).end();
    });
  });

  const clients = new Set<WebSocket>();
  const send = (ws: WebSocket, message: WireServerMessage): void => {
    if (ws.readyState === ws.OPEN) ws.send(JSON.stringify(message));
  };
  const unsubscribe = options.bridge.subscribe((name, payload) => {
    for (const ws of clients) send(ws, { kind: 'event', name, payload });
  });

  const accept = (ws: WebSocket): void => {
    clients.add(ws);
    ws.on('close', () => clients.delete(ws));
    ws.on('message', (data, isBinary) => {
      let parsed: unknown;
      try {
        parsed = isBinary ? undefined : JSON.parse(data.toString());
      } catch {
        parsed = undefined;
      }
      const message = WireRequestSchema.safeParse(parsed);
      if (!message.success) {
        ws.close(1008, 'Malformed bridge message');
        return;
      }
      const { id, method, payload } = message.data;
      void options.bridge
        .handle(method, payload)
        .then((outcome) => send(ws, { kind: 'response', id, outcome }));
    });
  };

  server.on('upgrade', (req: IncomingMessage, socket: Duplex, head: Buffer) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    if (url.pathname !== BRIDGE_PATH) return refuse(socket, 404, 'Not Found');
    if (req.headers.host !== host || req.headers.origin !== origin) return refuse(socket, 403, 'Forbidden');
    if (!sameSecret(url.searchParams.get('secret'), secret)) return refuse(socket, 401, 'Unauthorized');
    wss.handleUpgrade(req, socket, head, accept);
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  host = `127.0.0.1:${port}`;
  origin = `http://${host}`;

  return {
    url: `${origin}/#bridge=${secret}`,
    origin,
    bridgeUrl: `ws://${host}${BRIDGE_PATH}`,
    secret,
    close: async () => {
      unsubscribe();
      for (const ws of clients) ws.terminate();
      wss.close();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
};
