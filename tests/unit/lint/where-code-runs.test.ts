import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('../../../', import.meta.url));
const biome = join(root, 'node_modules/.bin/biome');
let work = '';

beforeAll(() => {
  // The project's own biome.json, in a scratch tree where each snippet sits at the path it is linted as.
  work = mkdtempSync(join(tmpdir(), 'lint-fixture-'));
  const config = JSON.parse(readFileSync(join(root, 'biome.json'), 'utf8')) as Record<string, unknown>;
  delete config.$schema;
  config.vcs = { enabled: false };
  writeFileSync(join(work, 'biome.json'), JSON.stringify(config));
});

afterAll(() => rmSync(work, { recursive: true, force: true }));

// Lints a snippet as if it lived at `path`, with the project's own lint rules.
const lint = (path: string, source: string): { ok: boolean; output: string } => {
  mkdirSync(dirname(join(work, path)), { recursive: true });
  writeFileSync(join(work, path), source);
  const result = spawnSync(biome, ['lint', '--max-diagnostics=50', path], { cwd: work, encoding: 'utf8' });
  rmSync(join(work, path));
  return { ok: result.status === 0, output: `${result.stdout}${result.stderr}` };
};

const electronImport = "import { ipcMain } from 'electron';\nexport const x = ipcMain;\n";

const escaped = (text: string): string => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** Lint refused the snippet at `path` for its import (line 1) under the where-code-runs rule, not for anything else. */
const expectRefusedImport = (path: string, result: { ok: boolean; output: string }): void => {
  expect(result.ok).toBe(false);
  expect(result.output).toMatch(new RegExp(`${escaped(path)}:1:\\d+ lint/style/noRestrictedImports`));
  expect(result.output.match(/ lint\/[a-zA-Z]+\/[a-zA-Z]+ /g)).toEqual([' lint/style/noRestrictedImports ']);
};

describe('lint: where code may run', () => {
  it.each([
    'src/main/engine/run.ts',
    'src/main/bridge/handlers.ts',
    'src/shared/bridge/contract.ts',
    'src/renderer/app/app.tsx',
    'tests/unit/anything.test.ts',
  ])('rejects an electron import in %s', (path) => {
    expectRefusedImport(path, lint(path, electronImport));
  });

  it.each(['src/main/electron/main.ts', 'src/main/preload/index.ts'])(
    'allows an electron import in %s',
    (path) => {
      expect(lint(path, electronImport)).toMatchObject({ ok: true });
    },
  );

  it('rejects even a type-only electron import outside the adapter: code there declares the small port it needs', () => {
    const source = "import type { BrowserWindow } from 'electron';\nexport type W = BrowserWindow;\n";
    expectRefusedImport('src/main/engine/run.ts', lint('src/main/engine/run.ts', source));
  });

  it.each([
    ['src/shared/x.ts', "import { readFileSync } from 'node:fs';\nexport const r = readFileSync;\n"],
    ['src/renderer/x.ts', "import { readFileSync } from 'node:fs';\nexport const r = readFileSync;\n"],
    ['src/shared/x.ts', "import { useState } from 'react';\nexport const u = useState;\n"],
    [
      'src/renderer/x.ts',
      "import { createBridgeServer } from '../main/bridge/bridge-server';\nexport const c = createBridgeServer;\n",
    ],
  ])('rejects a runtime mismatch in %s', (path, source) => {
    expectRefusedImport(path, lint(path, source));
  });
});

const playwrightImport = (from: string): string =>
  `import { chromium } from '${from}';\nexport const c = chromium;\n`;

// Playwright is a development dependency: electron-builder does not ship it, so the app must never load it.
describe('lint: Playwright only in the browser preview', () => {
  it.each([
    ['src/main/report/chromium-pdf-printer.ts', '@playwright/test'],
    ['src/main/sign-in/browser-opener.ts', 'playwright'],
    ['src/main/app-core.ts', 'playwright-core'],
    ['src/main/graph/x.ts', 'playwright-core/lib/server'],
    ['src/main/electron/main.ts', '@playwright/test'],
    ['src/main/preload/index.ts', '@playwright/test'],
    ['src/shared/report/x.ts', '@playwright/test'],
    ['src/renderer/app/app.tsx', '@playwright/test'],
  ])('rejects a Playwright import in %s (%s)', (path, from) => {
    const result = lint(path, playwrightImport(from));
    expectRefusedImport(path, result);
    expect(result.output).toContain('Playwright is a development dependency');
  });

  it('rejects even a type-only Playwright import outside the preview', () => {
    const source = "import type { Page } from '@playwright/test';\nexport type P = Page;\n";
    expectRefusedImport('src/main/sign-in/x.ts', lint('src/main/sign-in/x.ts', source));
  });

  it.each([
    'src/main/preview/chromium-pdf-printer.ts',
    'tests/integration/report/x.test.ts',
    'tests/e2e/x.spec.ts',
    'scripts/bench/x.ts',
  ])('allows a Playwright import in %s', (path) => {
    expect(lint(path, playwrightImport('@playwright/test'))).toMatchObject({ ok: true });
  });

  it.each(['src/main/report/export-report.ts', 'src/main/electron/main.ts'])(
    'rejects importing the preview from %s, so Playwright cannot come in through it',
    (path) => {
      const source =
        "import { createChromiumPdfPrinter } from '../preview/chromium-pdf-printer';\nexport const c = createChromiumPdfPrinter;\n";
      const result = lint(path, source);
      expectRefusedImport(path, result);
      expect(result.output).toContain('src/main/preview is the browser preview');
    },
  );

  it('still rejects an electron import inside the preview, which runs under plain Node', () => {
    expectRefusedImport('src/main/preview/cli.ts', lint('src/main/preview/cli.ts', electronImport));
  });
});
