import { describe, expect, it } from 'vitest';
import { type ChaosReport, renderChaosReport } from '../../../scripts/chaos/chaos-report';
import { exampleRunContext } from '../figures/run-context-fixture';

const context = exampleRunContext({ command: 'npm run chaos', totalSeconds: 503 });

const cell = (fault: string, step: string, verdict: 'pass' | 'fail' | 'n/a', note: string) => ({
  fault,
  step,
  verdict,
  note,
  summary: `completed; ${note}; resumed: 39/39 verified`,
  failures: verdict === 'fail' ? ['after resuming 38 of 39 permissions are verified as granted'] : [],
});

const report: ChaosReport = {
  context,
  faults: ['throttled (429, Retry-After)', 'token expired'],
  steps: ['discover', 'export'],
  jobs: 3,
  seed: 42,
  cells: [
    cell('throttled (429, Retry-After)', 'discover', 'pass', '2 of 2 requests were answered 429'),
    cell(
      'throttled (429, Retry-After)',
      'export',
      'n/a',
      'nothing to hit: no requests while the fault was in place',
    ),
    cell('token expired', 'discover', 'fail', '1 of 1 Graph requests were answered 401'),
    cell('token expired', 'export', 'pass', '1 of 1 Graph requests were answered 401'),
  ],
  killRange: { first: 1, last: 60, journalLength: 61 },
  maxPauseMs: 120,
  trials: [
    {
      trial: 1,
      seed: 42,
      verdict: 'pass',
      killedAfter: 'write-started (assign-app-role)',
      killPoint: { entry: 30, pauseMs: 12 },
      unkilledAttempts: [],
      resumedIn: 'the parent',
      failures: [],
    },
    {
      trial: 2,
      seed: 43,
      verdict: 'pass',
      killedAfter: 'verified',
      killPoint: { entry: 59, pauseMs: 0 },
      unkilledAttempts: ['entry 60 +100 ms: the run finished first (61 entries)'],
      resumedIn: 'a fresh child',
      failures: [],
    },
  ],
  offboarding: {
    faults: ['dropped connection', 'process killed'],
    steps: ['remove grants and assignments'],
    cells: [
      {
        ...cell(
          'dropped connection',
          'remove grants and assignments',
          'pass',
          '1 of 1 requests lost their answer',
        ),
        summary: 'stopped at apply: network; resumed: nothing left',
      },
      {
        ...cell(
          'process killed',
          'remove grants and assignments',
          'fail',
          '1 of 1 engine processes were killed',
        ),
        failures: ['sent twice: DELETE /oauth2PermissionGrants/g1'],
      },
    ],
  },
};

describe('the chaos figures in Markdown', () => {
  const text = renderChaosReport(report);

  it('shows the matrix with n/a cells as n/a, not as passes', () => {
    expect(text).toContain('| fault \\ step | discover | export |');
    expect(text).toContain('| throttled (429, Retry-After) | pass | n/a |');
    expect(text).toContain('| token expired | **FAIL** | pass |');
  });

  it('gives each n/a cell its reason and each failed cell its broken promise', () => {
    expect(text).toContain(
      '- throttled (429, Retry-After) × export: nothing to hit: no requests while the fault was in place.',
    );
    expect(text).toContain(
      '- token expired × discover: after resuming 38 of 39 permissions are verified as granted.',
    );
  });

  it('breaks the crash test down by where the kills landed, retries included', () => {
    expect(text).toContain(
      'A full onboarding journaled 61 entries; each trial kills the engine after entry 1 to 60',
    );
    expect(text).toContain('| verified | 1 | 1 | 0 |');
    expect(text).toContain('| write-started (assign-app-role) | 1 | 1 | 0 |');
    expect(text).toContain('trial 2 (entry 60 +100 ms: the run finished first (61 entries))');
  });

  it('shows the offboarding matrix and its failures', () => {
    expect(text).toContain('**The offboarding matrix**: 2 cells.');
    expect(text).toContain('| dropped connection | pass |');
    expect(text).toContain('| process killed | **FAIL** |');
    expect(text).toContain(
      '- process killed × remove grants and assignments: sent twice: DELETE /oauth2PermissionGrants/g1.',
    );
  });

  it('counts passed, failed and not applicable apart in the closing line, and says where it ran', () => {
    expect(text).toContain(
      'Cells of both matrices and trials together: **5 passed, 2 failed, 1 not applicable**.',
    );
    expect(text).toContain('at the start, 2.00 2.00 2.50 at the end');
    expect(text).toContain('Commit: `d3c8ad5f00aa`.');
  });
});
