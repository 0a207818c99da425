import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAppProtocolHandler, resolveAppAsset } from '../../../../src/main/electron/app-protocol';
import { rendererCsp } from '../../../../src/main/security/renderer-csp';

let base = '';
let renderer = '';
beforeAll(() => {
  base = mkdtempSync(join(tmpdir(), 'app-protocol-'));
  renderer = join(base, 'renderer');
  mkdirSync(join(renderer, 'assets'), { recursive: true });
  writeFileSync(join(renderer, 'index.html'), '<!doctype html><title>Pia</title>');
  writeFileSync(join(renderer, 'assets', 'index-abc.js'), 'console.log(1)');
  writeFileSync(join(base, 'secret.txt'), 'outside');
  symlinkSync(join(base, 'secret.txt'), join(renderer, 'assets', 'link.txt'));
});
afterAll(() => rmSync(base, { recursive: true, force: true }));

describe('resolveAppAsset', () => {
  it('maps app URLs into the renderer folder', () => {
    expect(resolveAppAsset(renderer, 'app://pia/index.html')).toBe(join(renderer, 'index.html'));
    expect(resolveAppAsset(renderer, 'app://pia/')).toBe(join(renderer, 'index.html'));
    expect(resolveAppAsset(renderer, 'app://pia/assets/index-abc.js?v=1')).toBe(
      join(renderer, 'assets', 'index-abc.js'),
    );
  });

  it.each(['app://pia/../secret.txt', 'app://pia/%2e%2e/secret.txt', 'app://pia/a/../../../secret.txt'])(
    'keeps %s inside the renderer folder (the URL parser resolves the dots first)',
    (url) => {
      expect(resolveAppAsset(renderer, url)).toBe(join(renderer, 'secret.txt'));
    },
  );

  it.each([
    'app://pia/assets/%2e%2e%2f%2e%2e%2fsecret.txt',
    'app://pia/..%5csecret.txt',
    'app://pia/%00index.html',
    'app://pia/%E0%A4%A',
    'app://other/index.html',
    'https://pia/index.html',
    'not a url',
  ])('refuses %s', (url) => {
    expect(resolveAppAsset(renderer, url)).toBeUndefined();
  });
});

describe('app protocol handler', () => {
  const handle = (request: Request): Promise<Response> =>
    createAppProtocolHandler({ rendererDir: renderer, csp: rendererCsp() })(request);

  it('serves the renderer with a strict CSP and the right content type', async () => {
    const response = await handle(new Request('app://pia/index.html'));
    expect(response.status).toBe(200);
    expect(await response.text()).toContain('<title>Pia</title>');
    expect(response.headers.get('content-type')).toBe('text/html; charset=utf-8');
    const csp = response.headers.get('content-security-policy') ?? '';
    expect(csp).toContain("default-src 'self'");
    expect(csp).toContain("script-src 'self'");
    expect(csp).not.toMatch(/script-src[^;]*'unsafe-inline'/);
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
  });

  it('answers 404 for traversal, missing files and links leading outside the folder', async () => {
    for (const url of ['app://pia/../secret.txt', 'app://pia/missing.js', 'app://pia/assets/link.txt']) {
      const response = await handle(new Request(url));
      expect(response.status, url).toBe(404);
      expect(await response.text()).not.toContain('outside');
    }
  });

  it('refuses writes', async () => {
    const response = await handle(new Request('app://pia/index.html', { method: 'POST', body: 'x' }));
    expect(response.status).toBe(405);
  });
});
