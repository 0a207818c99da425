import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

// One word for one thing in what the technician and the client read: "Verify again" (not also "Re-verify"),
// American spelling throughout ("organization", as Microsoft's own consent page says "on behalf of your
// organization"; "license"), and "enterprise application", as the Microsoft Entra admin center names the object
// Microsoft Graph calls a service principal: a text may use Graph's name only beside the admin center's.
const ROOTS = [
  'src/renderer',
  'src/shared/report',
  'src/shared/guidance',
  'src/shared/onboarding',
  'src/shared/offboarding',
];

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
    ['licence', /\blicence/i],
    ['Verify the tenant again', /Verify the tenant again/],
    // A SHA-256 digest shows that a copy changed; whoever changes a report can compute a new one.
    ['tamper-proof', /tamper[- ]?(proof|evident|resistant)|proves? .{0,40}not (been )?tampered/i],
    // Every format carries the report's digest, not just two of them.
    ['only PDF and HTML carry the digest', /only (the )?PDF and HTML/i],
  ])('never say %s', (_, pattern) => {
    expect(files.length).toBeGreaterThan(20);
    const offending = files.filter((file) => pattern.test(readFileSync(file, 'utf8')));
    expect(offending).toEqual([]);
  });

  it('names a service principal only beside “enterprise application”, outside comments', () => {
    const comment = /^\s*(\/\/|\*|\/\*\*)/;
    const unexplained = files.flatMap((file) =>
      readFileSync(file, 'utf8')
        .split('\n')
        .flatMap((line, index) =>
          !comment.test(line) && /service principal/i.test(line) && !/enterprise application/i.test(line)
            ? [`${file}:${index + 1}`]
            : [],
        ),
    );
    expect(unexplained).toEqual([]);
  });
});
