import { describe, expect, it } from 'vitest';
import {
  type Exception,
  excuseMarker,
  type Finding,
  judgeFindings,
} from '../../../scripts/electronegativity-exceptions';

const finding = (id: string, file: string, line: number): Finding => ({
  id,
  file,
  location: { line, column: 4 },
  severity: { value: 2, name: 'MEDIUM' },
  confidence: { name: 'CERTAIN' },
});

const OPEN = 'OPEN_EXTERNAL_JS_CHECK';
const FILE = 'main/electron/external-links.ts';
const exception: Exception = { id: OPEN, file: FILE, reason: 'Behind the allow-list.' };
const source = (lines: readonly string[]) => (file: string) => (file === FILE ? lines : []);

describe('the Electronegativity exceptions', () => {
  const reviewed = ['const a = 1;', `    // ${excuseMarker(OPEN)}`, '    await shell.openExternal(url);'];

  it('excuse the finding on the marked line', () => {
    const verdict = judgeFindings([finding(OPEN, FILE, 3)], [exception], source(reviewed));
    expect(verdict.excused).toHaveLength(1);
    expect(verdict.unexcused).toEqual([]);
    expect(verdict.staleExceptions).toEqual([]);
    expect(verdict.staleMarkers).toEqual([]);
  });

  it('do not excuse a second call of the same rule in the same file', () => {
    const lines = [...reviewed, '', '    await shell.openExternal(other);'];
    const verdict = judgeFindings(
      [finding(OPEN, FILE, 3), finding(OPEN, FILE, 5)],
      [exception],
      source(lines),
    );
    expect(verdict.unexcused).toEqual([finding(OPEN, FILE, 5)]);
  });

  it('go stale when the finding is gone, and so does a marker left behind', () => {
    const verdict = judgeFindings([], [exception], source(reviewed));
    expect(verdict.staleExceptions).toEqual([exception]);
    expect(verdict.staleMarkers).toEqual([`${FILE}:2 ${OPEN}`]);
  });

  it('match a global check by rule alone', () => {
    const csp: Exception = { id: 'CSP_GLOBAL_CHECK', file: 'N/A', reason: 'Sent as a header.' };
    const verdict = judgeFindings([finding('CSP_GLOBAL_CHECK', 'N/A', 0)], [csp], () => []);
    expect(verdict.excused).toHaveLength(1);
    expect(verdict.staleExceptions).toEqual([]);
  });
});
