/** How a cell or crash trial of the chaos suite ended. */
export type Verdict = 'pass' | 'fail' | 'n/a';

/**
 * What the injector saw of one fault during the faulted run. Counted by the practice tenant (its fault rules, its
 * replicas, its request log, the killed process's exit), never taken from a list of cells expected to be empty.
 */
export interface FaultObservation {
  /** The moment the fault waits for came, and the fault was put in place. */
  readonly injected: boolean;
  /** What the fault was waiting for, for the reason of a cell whose fault was never injected. */
  readonly trigger: string;
  /** Requests (or reads, writes, a running process) the fault could act on while it was in place. */
  readonly exposed: number;
  /** How many of those it acted on. */
  readonly fired: number;
  /** What `exposed` counts, in the plural ("requests matching the step's fault rules"). */
  readonly exposedWhat: string;
  /** What became of those it acted on ("were answered 429 with Retry-After"). */
  readonly firedWhat: string;
}

/** The judgement of a cell: its verdict, and the words that explain it. */
export interface CellJudgement {
  readonly verdict: Verdict;
  /** For `n/a`, why nothing happened; for a fault that acted, what it did. */
  readonly note: string;
  /** Every broken promise, the fault's own when it was in place and never acted. */
  readonly failures: readonly string[];
}

/**
 * Judges a cell from its observed fault and the promises its runs broke.
 *
 * A cell fails when a promise broke, or when its fault was in place with something to act on and never acted. It is
 * not applicable (`n/a`) when nothing happened: the fault's moment never came, or nothing the fault acts on was sent
 * while it was in place. It passes only when the fault acted and every promise held.
 */
export const judgeCell = (observation: FaultObservation, failures: readonly string[]): CellJudgement => {
  const note = ((): string => {
    if (!observation.injected) return `never injected: ${observation.trigger} never came`;
    if (observation.exposed === 0)
      return `nothing to hit: no ${observation.exposedWhat} while the fault was in place`;
    return `${observation.fired} of ${observation.exposed} ${observation.exposedWhat} ${observation.firedWhat}`;
  })();
  const unfired =
    observation.injected && observation.exposed > 0 && observation.fired === 0
      ? [`the fault was in place and never acted: ${note}`]
      : [];
  const all = [...failures, ...unfired];
  if (all.length > 0) return { verdict: 'fail', note, failures: all };
  if (!observation.injected || observation.exposed === 0) return { verdict: 'n/a', note, failures: [] };
  return { verdict: 'pass', note, failures: [] };
};

/** How many cells and trials passed, failed and were not applicable. */
export interface VerdictCounts {
  readonly passed: number;
  readonly failed: number;
  readonly notApplicable: number;
}

/** Counts verdicts. */
export const countVerdicts = (verdicts: readonly Verdict[]): VerdictCounts => ({
  passed: verdicts.filter((v) => v === 'pass').length,
  failed: verdicts.filter((v) => v === 'fail').length,
  notApplicable: verdicts.filter((v) => v === 'n/a').length,
});

/** The suite's closing line: "61 passed, 0 failed, 9 not applicable". */
export const closingLine = (counts: VerdictCounts): string =>
  `${counts.passed} passed, ${counts.failed} failed, ${counts.notApplicable} not applicable`;
