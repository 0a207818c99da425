import { spawnSync } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { gzipSync } from 'node:zlib';
import { chromium } from '@playwright/test';
import { chromiumLaunchOptions } from '../../src/main/preview/chromium-launch';
import { startBenchApp } from './bench-app';
import { median } from './figures';

/** The renderer's weight and speed. */
export interface RendererFigures {
  /** The JavaScript index.html loads before the first render (entry script and module preloads), gzipped. */
  readonly initialJsGzipBytes: number;
  /** Median milliseconds from navigation start to the "Pia Onboarding" heading on screen. */
  readonly firstRenderMs: number;
}

/** Builds main, preload and renderer into out/ with electron-vite, as `npm run build` does. */
export const buildRenderer = (root: string): void => {
  const result = spawnSync(
    join(root, 'node_modules', '.bin', 'electron-vite'),
    ['build', '--logLevel', 'warn'],
    {
      cwd: root,
      stdio: ['ignore', 'inherit', 'inherit'],
    },
  );
  if (result.status !== 0) throw new Error(`electron-vite build failed (exit ${result.status}).`);
};

/** Sums the gzipped size of the scripts index.html loads at start: the entry module and its module preloads. */
export const initialJsGzipBytes = async (rendererDir: string): Promise<number> => {
  const html = await readFile(join(rendererDir, 'index.html'), 'utf8');
  const sources = [
    ...[...html.matchAll(/<script\b[^>]*\bsrc="([^"]+)"/g)].map((m) => m[1] ?? ''),
    ...[...html.matchAll(/<link\b[^>]*\brel="modulepreload"[^>]*\bhref="([^"]+)"/g)].map((m) => m[1] ?? ''),
  ];
  if (sources.length === 0) throw new Error('index.html loads no script.');
  let total = 0;
  for (const source of new Set(sources))
    total += gzipSync(await readFile(resolve(rendererDir, source))).length;
  return total;
};

// Runs in the page before its own scripts: notes the first animation frame after the heading enters the DOM.
const FIRST_RENDER_PROBE = `
  new MutationObserver((_, observer) => {
    const heading = [...document.querySelectorAll('h1')].find((h) => h.textContent?.includes('Pia Onboarding'));
    if (heading === undefined) return;
    observer.disconnect();
    requestAnimationFrame(() => { window.__piaFirstRenderMs = performance.now(); });
  }).observe(document, { childList: true, subtree: true, characterData: true });
`;

/**
 * Serves out/renderer through the preview host with the app's core behind the bridge (as the end-to-end tests do)
 * and loads it in a fresh Chromium context per run: a cold cache, measured from navigation start by the page's
 * own clock to the frame that shows the "Pia Onboarding" heading.
 */
export const measureFirstRender = async (
  rendererDir: string,
  options: { readonly warmup: number; readonly runs: number },
): Promise<number> => {
  const bench = await startBenchApp({ rendererDir });
  const browser = await chromium.launch(chromiumLaunchOptions());
  const samples: number[] = [];
  try {
    for (let i = 0; i < options.warmup + options.runs; i += 1) {
      const context = await browser.newContext();
      try {
        const page = await context.newPage();
        await page.addInitScript(FIRST_RENDER_PROBE);
        await page.goto(bench.host.url);
        await page.getByRole('heading', { name: 'Pia Onboarding', level: 1 }).waitFor({ state: 'visible' });
        const ms = await page.waitForFunction(
          () => (globalThis as { __piaFirstRenderMs?: number }).__piaFirstRenderMs,
        );
        if (i >= options.warmup) samples.push((await ms.jsonValue()) as number);
      } finally {
        await context.close();
      }
    }
  } finally {
    await browser.close();
    await bench.close();
  }
  return median(samples);
};
