import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { createBridgeServer } from '../../../src/main/bridge/bridge-server';
import { type PreviewHost, startPreviewHost } from '../../../src/main/preview/preview-host';
import { bridgeContract } from '../../../src/shared/bridge/contract';
import { WireServerMessageSchema } from '../../../src/shared/bridge/wire';
import { createBridgeTestCore } from '../../support/test-core';

let host: PreviewHost;
let rendererDir: string;

beforeAll(async () => {
  rendererDir = mkdtempSync(join(tmpdir(), 'preview-renderer-'));
  writeFileSync(join(rendererDir, 'index.html'), '<!doctype html><title>Pia Onboarding</title>');
  const bridge = createBridgeServer(bridgeContract, createBridgeTestCore('0.0.0').handlers, {
    error: () => undefined,
  });
  host = await startPreviewHost({ rendererDir, bridge });
});

afterAll(async () => {
  await host.close();
  rmSync(rendererDir, { recursive: true, force: true });
});

/** Opens the bridge socket; resolves with the socket or with the HTTP status of the refusal. */
const connect = (url: string, origin: string | undefined): Promise<WebSocket | number> =>
  new Promise((resolve, reject) => {
    const socket = new WebSocket(url, origin === undefined ? {} : { origin });
    socket.once('open', () => resolve(socket));
    socket.once('unexpected-response', (_req, res) => resolve(res.statusCode ?? 0));
    socket.once('error', reject);
  });

const ask = (socket: WebSocket, message: unknown) =>
  new Promise<unknown>((resolve) => {
    socket.once('message', (data) => resolve(WireServerMessageSchema.parse(JSON.parse(String(data)))));
    socket.send(JSON.stringify(message));
  });

describe('preview host', () => {
  it('listens on the loopback interface only', () => {
    expect(new URL(host.url).hostname).toBe('127.0.0.1');
  });

  it('serves the renderer with a strict Content-Security-Policy', async () => {
    const response = await fetch(host.origin);
    expect(response.status).toBe(200);
    const csp = response.headers.get('content-security-policy') ?? '';
    expect(csp).toContain("script-src 'self'");
    expect(csp).not.toMatch(/script-src[^;]*unsafe/);
  });

  it('refuses a connection without the secret', async () => {
    expect(await connect(host.bridgeUrl, host.origin)).toBe(401);
  });

  it('refuses a connection with a wrong secret of the same length', async () => {
    const wrong = host.secret.replace(/./g, 'A');
    expect(await connect(`${host.bridgeUrl}?secret=${wrong}`, host.origin)).toBe(401);
  });

  it('refuses a connection from another Origin, even with the secret', async () => {
    expect(await connect(`${host.bridgeUrl}?secret=${host.secret}`, 'https://evil.example')).toBe(403);
    expect(await connect(`${host.bridgeUrl}?secret=${host.secret}`, undefined)).toBe(403);
  });

  it('refuses a page reached through another host name (DNS rebinding)', async () => {
    const port = new URL(host.origin).port;
    const response = await fetch(`http://localhost:${port}/`);
    expect(response.status).toBe(421);
    expect(
      await connect(`ws://localhost:${port}/bridge?secret=${host.secret}`, `http://localhost:${port}`),
    ).toBe(403);
  });

  it('carries requests and typed errors for a client with the secret and the right Origin', async () => {
    const socket = await connect(`${host.bridgeUrl}?secret=${host.secret}`, host.origin);
    if (typeof socket === 'number') throw new Error(`refused with ${socket}`);
    expect(
      await ask(socket, { kind: 'request', id: 1, method: 'client.check', payload: { text: 'contoso.com' } }),
    ).toEqual({
      kind: 'response',
      id: 1,
      outcome: { ok: true, result: { valid: true, identifier: { kind: 'domain', domain: 'contoso.com' } } },
    });
    expect(
      await ask(socket, { kind: 'request', id: 2, method: 'client.check', payload: { text: 5 } }),
    ).toMatchObject({
      kind: 'response',
      id: 2,
      outcome: { ok: false, error: { code: 'invalid-request' } },
    });
    socket.close();
  });

  it('closes a socket that sends something other than a bridge message', async () => {
    const socket = await connect(`${host.bridgeUrl}?secret=${host.secret}`, host.origin);
    if (typeof socket === 'number') throw new Error(`refused with ${socket}`);
    const code = await new Promise<number>((resolve) => {
      socket.once('close', (closeCode) => resolve(closeCode));
      socket.send('not json');
    });
    expect(code).toBe(1008);
  });
});
