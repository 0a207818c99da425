import { describe, expect, it } from 'vitest';
import {
  blockContent,
  blockMarkers,
  markdownTable,
  replaceBlock,
} from '../../../scripts/figures/figures-file';

describe('a Markdown table', () => {
  it('aligns the first column left and the others right unless told, and escapes pipes', () => {
    expect(
      markdownTable(
        ['case', 'requests'],
        [
          ['a | b', '8'],
          ['c', '31'],
        ],
      ),
    ).toBe(['| case | requests |', '| --- | ---: |', '| a \\| b | 8 |', '| c | 31 |'].join('\n'));
    expect(markdownTable(['fault', 'discover'], [['timeout', 'n/a']], ['left', 'center'])).toContain(
      '| --- | :---: |',
    );
  });
});

describe("a README's generated block", () => {
  const { begin, end } = blockMarkers('chaos');
  const readme = ['# Title', '## Reliability', 'Prose stays.', begin, 'old figures', end, 'After.'].join(
    '\n',
  );

  it('is replaced between its markers, everything else left as it was', () => {
    const next = replaceBlock(readme, 'chaos', 'new figures\n\n| a |\n');
    expect(next).toBe(
      ['# Title', '## Reliability', 'Prose stays.', begin, 'new figures', '', '| a |', end, 'After.'].join(
        '\n',
      ),
    );
    expect(blockContent(next, 'chaos')).toBe('new figures\n\n| a |');
  });

  it('is never silently skipped: missing or doubled markers are an error', () => {
    expect(() => replaceBlock('# Title\n', 'chaos', 'x')).toThrow('README.md has no');
    expect(() => replaceBlock(`${readme}\n${begin}\n${end}`, 'chaos', 'x')).toThrow('more than once');
    expect(blockContent('# Title\n', 'bench')).toBeNull();
  });
});
