import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { blockContent } from '../../../scripts/figures/figures-file';

const root = fileURLToPath(new URL('../../../', import.meta.url));
const read = (path: string): string => readFileSync(`${root}${path}`, 'utf8');

// The README's Performance and Reliability figures are what `npm run bench` and `npm run chaos` printed: each writes
// docs/figures/<name>.md and copies it between the README's markers. A figure edited in either place shows here.
describe("the README's figures", () => {
  for (const name of ['bench', 'chaos']) {
    it(`are docs/figures/${name}.md unchanged, as npm run ${name} wrote it`, () => {
      const file = read(`docs/figures/${name}.md`);
      expect(file).toContain(`Written by \`npm run ${name}\`; not edited by hand.`);
      expect(blockContent(read('README.md'), name)).toBe(file.trimEnd());
    });
  }
});
