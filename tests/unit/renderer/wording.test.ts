import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

// One word for one thing in what the technician and the client read: "Verify again" (not also "Re-verify"), and
// American spelling throughout ("organization", as Microsoft's own consent page says "on behalf of your
// organization").
const ROOTS = ['src/renderer', 'src/shared/report', 'src/shared/guidance', 'src/shared/onboarding'];

const filesUnder = (dir: string): string[] =>
  readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory()
      ? filesUnder(join(dir, entry.name))
      : /\.tsx?$/.test(entry.name)
        ? [join(dir, entry.name)]
        : [],
  );

describe('the words the technician and the client read', () => {
  const files = ROOTS.flatMap((root) => filesUnder(join(import.meta.dirname, '../../..', root)));

  it.each([
    ['Re-verify', /\bRe-verify\b/],
    ['organisation', /organis(e|ation)/i],
  ])('never say %s', (_, pattern) => {
    expect(files.length).toBeGreaterThan(20);
    const offending = files.filter((file) => pattern.test(readFileSync(file, 'utf8')));
    expect(offending).toEqual([]);
  });
});
