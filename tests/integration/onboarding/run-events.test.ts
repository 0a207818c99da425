import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createRunManager, type RunManager } from '../../../src/main/onboarding/run-manager';
import { BUILT_IN_PROFILE_ID, createProfileStore } from '../../../src/main/storage/profile-store';
import { applyRunChange, type RunChange, type RunView } from '../../../src/shared/bridge/run-view';
import type { RunProgress } from '../../../src/shared/onboarding/run-progress';
import { enterCredentials, type Harness, startHarness } from './harness';

// The run manager's events are what the checklist window receives: one whole run view per journal entry made the
// window's work grow with the square of the plan. These tests hold the manager to its promise: while a step works,
// changes carry only the entries journaled since the last one, at most one change and one progress event per
// interval, every entry exactly once, and the step's last change comes right before its answer.
describe('the run events a window receives while a step works', () => {
  let harness: Harness;
  let dataDir: string;
  let changes: RunChange[];
  let progress: RunProgress[];
  let manager: RunManager;

  const startManager = (eventIntervalMs: number): RunManager =>
    createRunManager({
      toolVersion: '0.0.0-test',
      runs: harness.runs,
      profiles: createProfileStore({ dataDir }),
      connection: async () => harness.env.connection,
      browsers: async () => ({ choice: 'in-app', factory: harness.env.browsers }),
      onChanged: (change) => changes.push(change),
      onProgress: (p) => progress.push(p),
      eventIntervalMs,
      limits: harness.limits,
    });

  /** `view` with every change applied in order, as the checklist window folds them. */
  const fold = (view: RunView, sent: readonly RunChange[]): RunView =>
    sent.reduce((held, change) => {
      const applied = applyRunChange(held, change);
      if (applied.kind !== 'applied') throw new Error(`A change did not apply: ${applied.kind}`);
      return applied.view;
    }, view);

  const signedIn = async (): Promise<RunView> => {
    const view = await manager.start({
      clientText: 'contoso.com',
      technician: 'Alex Technician',
      ticket: null,
      profileId: BUILT_IN_PROFILE_ID,
      strategy: 'direct-grant',
    });
    const runId = view.record.runId;
    await manager.preflight(runId);
    const signing = manager.signIn(runId, 'select_account');
    await enterCredentials(await harness.nextPage(), 'admin@contoso.com');
    await signing;
    return manager.plan(runId);
  };

  beforeEach(async () => {
    harness = await startHarness();
    dataDir = await mkdtemp(join(tmpdir(), 'pia-run-events-'));
    changes = [];
    progress = [];
  });
  afterEach(async () => {
    await manager?.closeAll();
    await harness?.close();
    await rm(dataDir, { recursive: true, force: true });
  });

  it('sends what a step journaled within one interval as one change, right before its answer', async () => {
    // An interval longer than the step: whatever the machine's speed, the step's entries go out once, at its end.
    manager = startManager(600_000);
    const planned = await signedIn();
    changes = [];
    progress = [];

    const applied = await manager.apply(planned.record.runId);

    expect(applied.record.writes.length).toBeGreaterThan(10);
    expect(changes.map((c) => [c.from, c.entries.length, c.busy])).toEqual([
      [planned.journalLength, applied.journalLength - planned.journalLength, false],
    ]);
    // The window that folds it holds what the answer holds.
    expect(fold(planned, changes)).toEqual(applied);
    // Progress kept for the end of the interval is dropped: the answer says the step is over.
    expect(progress).toEqual([]);
  });

  it('sends each entry once, in the journal’s order, whatever the interval', async () => {
    manager = startManager(1);
    const planned = await signedIn();
    changes = [];

    const applied = await manager.apply(planned.record.runId);

    // Each change starts where the one before it ended: none is lost, repeated or out of order, so what the window
    // receives grows with the journal, not with the journal times the number of events.
    const starts = changes.map((c) => c.from);
    const ends = changes.map((c) => c.from + c.entries.length);
    expect(starts).toEqual([planned.journalLength, ...ends.slice(0, -1)]);
    expect(ends.at(-1)).toBe(applied.journalLength);
    expect(changes.length).toBeGreaterThan(2);
    expect(fold(planned, changes)).toEqual(applied);
  });

  it('says last that a cancelled run is no longer live', async () => {
    manager = startManager(600_000);
    const planned = await signedIn();
    changes = [];

    const cancelled = await manager.cancel(planned.record.runId);

    expect(cancelled.live).toBe(false);
    expect(changes.at(-1)).toMatchObject({ live: false, busy: false });
    expect(fold(planned, changes)).toEqual(cancelled);
  });
});
