import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { hardenedWebPreferences } from '../../../../src/main/electron/window-options';

/**
 * main.ts's `createWindow` repeats the hardened preferences as literals, written last so no caller can weaken them
 * and so Electronegativity's static scan sees them. This keeps the two copies from drifting apart.
 */
const literalPreferences = (): Record<string, unknown> => {
  const source = readFileSync(new URL('../../../../src/main/electron/main.ts', import.meta.url), 'utf8');
  const block =
    /const createWindow = [\s\S]*?webPreferences: \{\s*\.\.\.options\.webPreferences,([\s\S]*?)\n {4}\},/.exec(
      source,
    )?.[1];
  if (block === undefined)
    throw new Error('createWindow’s webPreferences literals were not found in main.ts');
  return Object.fromEntries(
    block
      .split('\n')
      .map((line) => /^\s*(\w+): (.+),$/.exec(line))
      .filter((match): match is RegExpExecArray => match !== null)
      .map(([, key, value]) => [key, JSON.parse((value ?? '').replaceAll("'", '"'))]),
  );
};

describe('createWindow in main.ts', () => {
  it('forces exactly the hardened web preferences of window-options.ts', () => {
    expect(literalPreferences()).toEqual({ ...hardenedWebPreferences });
  });
});
