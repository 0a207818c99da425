import { describe, expect, it } from 'vitest';
import { formatDuration, parseLoadAverage, renderRunContext } from '../../../scripts/figures/run-context';
import { exampleRunContext } from './run-context-fixture';

describe('the load average', () => {
  it('is the first three fields of /proc/loadavg', () => {
    expect(parseLoadAverage('2.43 3.00 5.37 4/96 7616\n')).toEqual({ one: 2.43, five: 3, fifteen: 5.37 });
  });

  it('is unknown rather than wrong when the file says something else', () => {
    expect(parseLoadAverage('')).toBeNull();
    expect(parseLoadAverage('busy 3.00 5.37')).toBeNull();
  });
});

describe('where figures were measured', () => {
  it('names the command, its time, the commit, the moment, the machine and the load read', () => {
    const text = renderRunContext(
      exampleRunContext({ command: 'npm run chaos -- --seed 7', totalSeconds: 503.4, changedFiles: 2 }),
    );
    expect(text).toContain('`npm run chaos -- --seed 7`, which took 8 min 23 s');
    expect(text).toContain('`d3c8ad5f00aa` with 2 tracked file(s) changed in the working tree');
    expect(text).toContain('2026-11-30 03:06:12 UTC');
    expect(text).toContain('from /proc/loadavg): 1.50 2.25 3.00 at the start, 2.00 2.00 2.50 at the end');
  });

  it('writes durations as people read them', () => {
    expect(formatDuration(48.24)).toBe('48.2 s');
    expect(formatDuration(155)).toBe('2 min 35 s');
  });
});
