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

/** Every source file and package a bundle starting at `entry` would pull in, following value imports. */
const reachable = (entry: string): { files: Set<string>; packages: Set<string> } => {
  const files = new Set<string>();
  const packages = new Set<string>();
  const queue = [entry];
  while (queue.length > 0) {
    const file = queue.pop() as string;
    if (files.has(file)) continue;
    files.add(file);
    for (const match of readFileSync(file, 'utf8').matchAll(IMPORT)) {
      const specifier = match[1] ?? match[2] ?? '';
      if (specifier.startsWith('.')) {
        const target = resolveLocal(file, specifier);
        if (target !== null) queue.push(target);
      } else {
        packages.add(
          specifier.startsWith('@')
            ? specifier.split('/').slice(0, 2).join('/')
            : (specifier.split('/')[0] ?? specifier),
        );
      }
    }
  }
  return { files, packages };
};

describe('the Chromium PDF printer stays out of the Electron app', () => {
  it.each(['src/main/electron/main.ts', 'src/main/preload/index.ts'])(
    '%s never reaches it or Playwright',
    (entry) => {
      const { files, packages } = reachable(join(root, entry));
      expect(files.size).toBeGreaterThan(1);
      const printer = join(root, 'src/main/report/chromium-pdf-printer.ts');
      expect([...files].map((f) => relative(root, f))).not.toContain(relative(root, printer));
      expect([...packages].filter((p) => p === '@playwright/test' || p.startsWith('playwright'))).toEqual([]);
    },
  );

  it('the walk does find the printer where it is imported, so it can tell', () => {
    const { files, packages } = reachable(join(root, 'tests/integration/report/export-formats.test.ts'));
    expect([...files].map((f) => relative(root, f))).toContain('src/main/report/chromium-pdf-printer.ts');
    expect(packages).toContain('@playwright/test');
  });
});
