import { markdownTable } from '../figures/figures-file';
import { type RunContext, renderRunContext } from '../figures/run-context';
import { closingLine, countVerdicts, type Verdict } from './cell-verdict';
import type { KillRange } from './kill-range';

/** What the report needs of a cell. */
export interface ReportedCell {
  readonly fault: string;
  readonly step: string;
  readonly verdict: Verdict;
  readonly note: string;
  readonly summary: string;
  readonly failures: readonly string[];
}

/** What the report needs of a crash trial. */
export interface ReportedTrial {
  readonly trial: number;
  readonly seed: number;
  readonly verdict: Verdict;
  readonly killedAfter: string | null;
  readonly killPoint: { readonly entry: number; readonly pauseMs: number };
  readonly unkilledAttempts: readonly string[];
  readonly resumedIn: string;
  readonly failures: readonly string[];
}

/** Everything one `npm run chaos` found, and where it ran. */
export interface ChaosReport {
  readonly context: RunContext;
  readonly faults: readonly string[];
  readonly steps: readonly string[];
  readonly cells: readonly ReportedCell[];
  readonly jobs: number;
  readonly seed: number;
  /** The crash test's kill range; null when no trial ran. */
  readonly killRange: KillRange | null;
  readonly maxPauseMs: number;
  readonly trials: readonly ReportedTrial[];
  /** The offboarding matrix (docs/offboarding.md): its faults, steps and cells. */
  readonly offboarding: {
    readonly faults: readonly string[];
    readonly steps: readonly string[];
    readonly cells: readonly ReportedCell[];
  };
}

const cellMark = (verdict: Verdict | undefined): string => {
  switch (verdict) {
    case 'pass':
      return 'pass';
    case 'fail':
      return '**FAIL**';
    case 'n/a':
      return 'n/a';
    case undefined:
      return 'not run';
  }
};

const firstLine = (text: string): string => text.split('\n')[0] ?? '';

/** The fault matrix, its `n/a` reasons and failures, and every cell's line. */
const renderMatrix = (report: ChaosReport): string[] => {
  const find = (fault: string, step: string): ReportedCell | undefined =>
    report.cells.find((c) => c.fault === fault && c.step === step);
  const notApplicable = report.cells.filter((c) => c.verdict === 'n/a');
  const failed = report.cells.filter((c) => c.verdict === 'fail');
  const counts = countVerdicts(report.cells.map((c) => c.verdict));
  return [
    `**The fault matrix**: ${report.cells.length} cells, ${report.jobs} at a time. ${closingLine(counts)}.`,
    '',
    markdownTable(
      ['fault \\ step', ...report.steps],
      report.faults.map((fault) => [
        fault,
        ...report.steps.map((step) => cellMark(find(fault, step)?.verdict)),
      ]),
      ['left', ...report.steps.map(() => 'center' as const)],
    ),
    '',
    ...(notApplicable.length === 0
      ? ['No cell was without something to hit.']
      : [
          'Not applicable: nothing of the faulted kind happened, so the cell proves nothing about the fault (its run',
          'still had to complete, resume and keep every file intact). Why, as the practice tenant counted it:',
          '',
          ...notApplicable.map((c) => `- ${c.fault} × ${c.step}: ${c.note}.`),
        ]),
    ...failedCells(failed),
    '',
    ...cellDetails('What happened in each cell', report.cells),
  ];
};

/** The failed cells of a matrix, each with its first broken promise. */
const failedCells = (failed: readonly ReportedCell[]): string[] =>
  failed.length === 0
    ? []
    : [
        '',
        'Failed:',
        '',
        ...failed.map((c) => `- ${c.fault} × ${c.step}: ${c.failures.map(firstLine).join('; ') || c.note}.`),
      ];

/** Every cell of a matrix and what happened in it, folded away. */
const cellDetails = (summary: string, cells: readonly ReportedCell[]): string[] => [
  `<details><summary>${summary}</summary>`,
  '',
  markdownTable(
    ['fault × step', 'verdict', 'what happened'],
    cells.map((c) => [`${c.fault} × ${c.step}`, c.verdict, c.summary]),
    ['left', 'center', 'left'],
  ),
  '',
  '</details>',
];

/** The offboarding matrix: each cell's verdict, and what happened in each. */
const renderOffboarding = (report: ChaosReport): string[] => {
  const { faults, steps, cells } = report.offboarding;
  if (cells.length === 0) return ['**The offboarding matrix** did not run.'];
  const counts = countVerdicts(cells.map((c) => c.verdict));
  const failed = cells.filter((c) => c.verdict === 'fail');
  return [
    `**The offboarding matrix**: ${cells.length} cells. Each offboards a fresh tenant's target app (enterprise ` +
      'application deleted) while the fault acts, closes the app, resumes the run, and checks that nothing of the app ' +
      'is left, that no removal was sent again once Graph had answered it (one whose answer was lost may be: a ' +
      `DELETE that had arrived is answered 404), that no object was removed twice and that every removal was journaled. ${closingLine(counts)}.`,
    '',
    markdownTable(
      ['fault \\ step', ...steps],
      faults.map((fault) => [
        fault,
        ...steps.map((step) => cellMark(cells.find((c) => c.fault === fault && c.step === step)?.verdict)),
      ]),
      ['left', ...steps.map(() => 'center' as const)],
    ),
    ...failedCells(failed),
    '',
    ...cellDetails('What happened in each offboarding cell', cells),
  ];
};

/** The crash test: where the kills landed, grouped by the journal entry they followed, and every trial. */
const renderCrashTest = (report: ChaosReport): string[] => {
  if (report.trials.length === 0 || report.killRange === null) return ['**The crash test** did not run.'];
  const range = report.killRange;
  const counts = countVerdicts(report.trials.map((t) => t.verdict));
  const groups = new Map<string, ReportedTrial[]>();
  for (const trial of report.trials) {
    const key = trial.killedAfter ?? 'never killed';
    groups.set(key, [...(groups.get(key) ?? []), trial]);
  }
  const retried = report.trials.filter((t) => t.unkilledAttempts.length > 0);
  const failed = report.trials.filter((t) => t.verdict === 'fail');
  return [
    `**The crash test**: ${report.trials.length} trials, seed ${report.seed}. A full onboarding journaled ` +
      `${range.journalLength} entries; each trial kills the engine after entry ${range.first} to ${range.last} ` +
      `(drawn at random) plus a pause of 0 to ${report.maxPauseMs - 1} ms. ${closingLine(counts)}.`,
    '',
    markdownTable(
      ['killed after', 'trials', 'passed', 'failed'],
      [...groups.entries()]
        .sort(([a], [b]) => a.localeCompare(b))
        .map(([entry, trials]) => [
          entry,
          String(trials.length),
          String(trials.filter((t) => t.verdict === 'pass').length),
          String(trials.filter((t) => t.verdict === 'fail').length),
        ]),
    ),
    '',
    retried.length === 0
      ? 'No trial finished before its kill.'
      : `Finished before the kill, so tried again with an earlier kill point: ${retried
          .map((t) => `trial ${t.trial} (${t.unkilledAttempts.join('; ')})`)
          .join(', ')}.`,
    ...(failed.length === 0
      ? []
      : [
          '',
          'Failed:',
          '',
          ...failed.map((t) => `- trial ${t.trial}: ${t.failures.map(firstLine).join('; ')}.`),
        ]),
    '',
    '<details><summary>Every trial</summary>',
    '',
    markdownTable(
      ['trial', 'seed', 'kill point', 'killed after', 'resumed in', 'verdict'],
      report.trials.map((t) => [
        String(t.trial),
        String(t.seed),
        `entry ${t.killPoint.entry} +${t.killPoint.pauseMs} ms`,
        t.killedAfter ?? 'never killed',
        t.resumedIn,
        t.verdict,
      ]),
      ['right', 'right', 'left', 'left', 'left', 'center'],
    ),
    '',
    '</details>',
  ];
};

/** The chaos suite's figures as Markdown: where they were measured, the matrix, the crash test, the closing line. */
export const renderChaosReport = (report: ChaosReport): string => {
  const all = countVerdicts(
    [...report.cells, ...report.offboarding.cells, ...report.trials].map((r) => r.verdict),
  );
  return [
    'Written by `npm run chaos`; not edited by hand. To change a figure, run the command again.',
    '',
    renderRunContext(report.context),
    '',
    ...renderMatrix(report),
    '',
    ...renderOffboarding(report),
    '',
    ...renderCrashTest(report),
    '',
    `Cells of both matrices and trials together: **${closingLine(all)}**.`,
    '',
  ].join('\n');
};
