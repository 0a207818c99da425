/**
 * The digest of the report each run's latest export came from, for as long as this window is open: the Report step
 * and the run's details unmount when the technician moves to another step, and what they exported must still be
 * compared with the report of the run's state when they come back (after Verify again, say).
 */
const exported = new Map<string, string>();

/** The digest of the report this run's latest export in this window came from; null before any. */
export const lastExportedDigest = (runId: string): string | null => exported.get(runId) ?? null;

/** Notes an export of this run's report. */
export const noteExport = (runId: string, digest: string): void => {
  exported.set(runId, digest);
};
