import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('../../../', import.meta.url));

// Imports that survive compilation: `import type` and `export type` are erased and bundle nothing.
const IMPORT =
  /(?:^|[\n;])\s*(?:import|export)\s+(?!type\s)(?:[^'";]*?\sfrom\s+)?['"]([^'"]+)['"]|\bimport\(\s*['"]([^'"]+)['"]\s*\)/g;

const resolveLocal = (from: string, specifier: string): string | null => {
  const base = resolve(dirname(from), specifier);
  const candidate = [base, `${base}.ts`, `${base}.tsx`, join(base, 'index.ts')].find(
    (path) => existsSync(path) && path.match(/\.tsx?$/),
  );
  return candidate ?? null;
};

const packageOf = (specifier: string): string =>
  specifier.startsWith('@')
    ? specifier.split('/').slice(0, 2).join('/')
    : (specifier.split('/')[0] ?? specifier);

/**
 * Every source file (relative to the repository) and package a bundle starting at `entry` would pull in, following
 * value imports; Node's built-ins (`node:*`) are left out.
 */
const reachable = (entry: string): { files: string[]; packages: string[] } => {
  const files = new Set<string>();
  const packages = new Set<string>();
  const queue = [join(root, entry)];
  while (queue.length > 0) {
    const file = queue.pop() as string;
    if (files.has(file)) continue;
    files.add(file);
    for (const match of readFileSync(file, 'utf8').matchAll(IMPORT)) {
      const specifier = match[1] ?? match[2] ?? '';
      if (specifier.startsWith('.')) {
        const target = resolveLocal(file, specifier);
        if (target !== null) queue.push(target);
      } else if (!specifier.startsWith('node:')) {
        packages.add(packageOf(specifier));
      }
    }
  }
  return { files: [...files].map((f) => relative(root, f)).sort(), packages: [...packages].sort() };
};

const manifest = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as {
  dependencies: Record<string, string>;
  devDependencies: Record<string, string>;
};

const MAIN = 'src/main/electron/main.ts';
const PRELOAD = 'src/main/preload/index.ts';
const PREVIEW_PACKAGES = ['@playwright/test', 'playwright', 'playwright-core', 'sirv', 'ws'];

describe('the browser preview stays out of the Electron app', () => {
  it.each([MAIN, PRELOAD])('%s never reaches src/main/preview or its packages', (entry) => {
    const { files, packages } = reachable(entry);
    expect(files.length).toBeGreaterThan(1);
    expect(files.filter((f) => f.startsWith('src/main/preview/'))).toEqual([]);
    expect(packages.filter((p) => PREVIEW_PACKAGES.includes(p))).toEqual([]);
  });

  it('the walk does find the preview, its printer and its packages where they are imported, so it can tell', () => {
    const { files, packages } = reachable('tests/integration/report/export-formats.test.ts');
    expect(files).toContain('src/main/preview/chromium-pdf-printer.ts');
    expect(packages).toContain('@playwright/test');
    expect(reachable('src/main/preview/cli.ts').packages).toEqual(expect.arrayContaining(['sirv', 'ws']));
  });
});

// electron-vite leaves package.json "dependencies" out of the main bundle and bundles everything else it imports;
// electron-builder copies "dependencies" (and what they depend on) into the app, never "devDependencies". So the
// packages the main process imports are exactly the ones that must ship, and anything else in "dependencies" would
// ship for nothing. The renderer and the preload are bundles with their packages inside. docs/packaging.md lists
// them and why each is there.
// https://electron-vite.org/guide/dependency-handling
describe('the packaged app ships exactly what its main process loads', () => {
  it('package.json "dependencies" are the packages the Electron main bundle imports, electron aside', () => {
    const loaded = reachable(MAIN).packages.filter((p) => p !== 'electron');
    expect(Object.keys(manifest.dependencies).sort()).toEqual(loaded);
  });

  it('the practice tenant, which runs inside the app in practice mode, is part of the main bundle', () => {
    const { files, packages } = reachable(MAIN);
    expect(files).toContain('src/main/practice-tenant/server.ts');
    expect(packages).toEqual(expect.arrayContaining(['selfsigned', 'jose']));
  });

  it('the packages only the renderer uses are bundled into it, so they are development dependencies', () => {
    const main = reachable(MAIN).packages;
    const rendererOnly = reachable('src/renderer/main.tsx').packages.filter((p) => !main.includes(p));
    expect(rendererOnly).toEqual(
      expect.arrayContaining(['react', 'react-dom', '@fluentui/react-components']),
    );
    expect(rendererOnly.filter((p) => manifest.devDependencies[p] === undefined)).toEqual([]);
  });
});
