/** One finding of Electronegativity, as its runner reports it. */
export interface Finding {
  readonly id: string;
  readonly file: string;
  readonly location: { readonly line: number; readonly column: number };
  readonly severity: { readonly value: number; readonly name: string };
  readonly confidence: { readonly name: string };
  readonly manualReview?: boolean;
  readonly description?: string;
}

/** A finding reviewed and accepted, with the reason. */
export interface Exception {
  readonly id: string;
  /** Path relative to src/, as Electronegativity reports it; `N/A` for global checks. */
  readonly file: string;
  readonly reason: string;
}

/** The comment that marks the one line an exception excuses: `// electronegativity-excused: RULE_ID`. */
export const excuseMarker = (id: string): string => `electronegativity-excused: ${id}`;

/**
 * How each finding is judged. A finding of a file is excused only by an exception of its rule and file whose marker
 * comment stands on the finding's line or the line above, so a second call of the same kind in the same file is not
 * excused by the first one's review; a global check (`N/A`) by rule alone. An exception that excuses no finding is
 * stale, and so is a marker that stands by no finding of its rule.
 */
export const judgeFindings = (
  findings: readonly Finding[],
  exceptions: readonly Exception[],
  sourceLines: (file: string) => readonly string[],
): {
  readonly excused: readonly Finding[];
  readonly unexcused: readonly Finding[];
  readonly staleExceptions: readonly Exception[];
  readonly staleMarkers: readonly string[];
} => {
  const excuses = (finding: Finding, exception: Exception): boolean => {
    if (finding.id !== exception.id || finding.file !== exception.file) return false;
    if (exception.file === 'N/A') return true;
    const lines = sourceLines(finding.file);
    const at = finding.location.line - 1;
    return [lines[at], lines[at - 1]].some((line) => line?.includes(excuseMarker(exception.id)) === true);
  };
  const excused = findings.filter((f) => exceptions.some((e) => excuses(f, e)));
  const unexcused = findings.filter((f) => !excused.includes(f));
  const staleExceptions = exceptions.filter((e) => !findings.some((f) => excuses(f, e)));
  const staleMarkers = exceptions
    .filter((e) => e.file !== 'N/A')
    .flatMap((e) =>
      sourceLines(e.file).flatMap((line, index) =>
        line.includes(excuseMarker(e.id)) &&
        !excused.some(
          (f) => f.id === e.id && f.file === e.file && [index, index + 1].includes(f.location.line - 1),
        )
          ? [`${e.file}:${index + 1} ${e.id}`]
          : [],
      ),
    );
  return { excused, unexcused, staleExceptions, staleMarkers };
};
