import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

/** How a column's cells line up. */
export type Alignment = 'left' | 'right' | 'center';

const escapeCell = (cell: string): string => cell.replaceAll('|', '\\|').replaceAll('\n', ' ');

/** Renders rows as a Markdown table; the first column is left-aligned, the others as `align` says (right). */
export const markdownTable = (
  header: readonly string[],
  rows: readonly (readonly string[])[],
  align: readonly Alignment[] = [],
): string => {
  const rules: Readonly<Record<Alignment, string>> = { left: '---', right: '---:', center: ':---:' };
  const rule = header.map((_, column) => rules[align[column] ?? (column === 0 ? 'left' : 'right')]);
  const line = (cells: readonly string[]): string => `| ${cells.map(escapeCell).join(' | ')} |`;
  return [
    line(header),
    `| ${rule.join(' | ')} |`,
    ...rows.map((row) => line(header.map((_, c) => row[c] ?? ''))),
  ].join('\n');
};

/** The comment lines that enclose a generated block of the README. */
export const blockMarkers = (name: string): { readonly begin: string; readonly end: string } => ({
  begin: `<!-- figures:${name} begin: copied unchanged from docs/figures/${name}.md by npm run ${name}; do not edit -->`,
  end: `<!-- figures:${name} end -->`,
});

/**
 * Replaces what lies between the README's markers for `name` with `content`, leaving the markers and everything
 * else as they were. Throws when the markers are missing, doubled or out of order, so figures never go unwritten.
 */
export const replaceBlock = (readme: string, name: string, content: string): string => {
  const { begin, end } = blockMarkers(name);
  const first = readme.indexOf(begin);
  const last = readme.indexOf(end);
  if (first === -1 || last === -1 || last < first)
    throw new Error(`README.md has no "${begin}" … "${end}" block.`);
  if (readme.indexOf(begin, first + 1) !== -1 || readme.indexOf(end, last + 1) !== -1)
    throw new Error(`README.md has the figures:${name} markers more than once.`);
  return `${readme.slice(0, first + begin.length)}\n${content.trimEnd()}\n${readme.slice(last)}`;
};

/** What lies between the README's markers for `name`, or null when there is no such block. */
export const blockContent = (readme: string, name: string): string | null => {
  const { begin, end } = blockMarkers(name);
  const first = readme.indexOf(begin);
  const last = readme.indexOf(end);
  if (first === -1 || last === -1 || last < first) return null;
  return readme
    .slice(first + begin.length, last)
    .replace(/^\n/, '')
    .replace(/\n$/, '');
};

/**
 * Writes `markdown` to docs/figures/`name`.md and copies it unchanged into the README's block of the same name.
 * Returns the file's path.
 */
export const writeFigures = async (root: string, name: string, markdown: string): Promise<string> => {
  const path = join(root, 'docs', 'figures', `${name}.md`);
  const text = `${markdown.trimEnd()}\n`;
  await writeFile(path, text);
  const readmePath = join(root, 'README.md');
  await writeFile(readmePath, replaceBlock(await readFile(readmePath, 'utf8'), name, text));
  return path;
};
