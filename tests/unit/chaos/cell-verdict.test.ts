import { describe, expect, it } from 'vitest';
import {
  closingLine,
  countVerdicts,
  type FaultObservation,
  judgeCell,
} from '../../../scripts/chaos/cell-verdict';

const throttled = (exposed: number, fired: number): FaultObservation => ({
  injected: true,
  trigger: 'the start of the plan step',
  exposed,
  fired,
  exposedWhat: "requests matching the step's fault rules",
  firedWhat: 'were answered 429 with Retry-After',
});

describe('a fault matrix cell', () => {
  it('passes when its fault acted and every promise held', () => {
    expect(judgeCell(throttled(3, 2), [])).toEqual({
      verdict: 'pass',
      note: "2 of 3 requests matching the step's fault rules were answered 429 with Retry-After",
      failures: [],
    });
  });

  it('is not applicable, not a pass, when the step sent nothing the fault acts on', () => {
    const judged = judgeCell(throttled(0, 0), []);
    expect(judged.verdict).toBe('n/a');
    expect(judged.note).toBe(
      "nothing to hit: no requests matching the step's fault rules while the fault was in place",
    );
  });

  it('is not applicable when the moment its fault waits for never came', () => {
    const judged = judgeCell({ ...throttled(0, 0), injected: false }, []);
    expect(judged.verdict).toBe('n/a');
    expect(judged.note).toBe('never injected: the start of the plan step never came');
  });

  it('fails when its fault was in place with requests to act on and never acted', () => {
    const judged = judgeCell(throttled(4, 0), []);
    expect(judged.verdict).toBe('fail');
    expect(judged.failures).toEqual([
      "the fault was in place and never acted: 0 of 4 requests matching the step's fault rules were answered 429 with Retry-After",
    ]);
  });

  it('fails on a broken promise even when the fault had nothing to hit', () => {
    const judged = judgeCell(throttled(0, 0), [
      'after resuming 38 of 39 permissions are verified as granted',
    ]);
    expect(judged.verdict).toBe('fail');
    expect(judged.failures).toEqual(['after resuming 38 of 39 permissions are verified as granted']);
  });
});

describe('the closing line', () => {
  it('counts cells that were not applicable apart from those that passed', () => {
    expect(closingLine(countVerdicts(['pass', 'n/a', 'pass', 'fail', 'n/a', 'n/a']))).toBe(
      '2 passed, 1 failed, 3 not applicable',
    );
  });
});
