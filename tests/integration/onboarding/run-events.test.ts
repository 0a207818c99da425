import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createRunManager, type RunManager } from '../../../src/main/onboarding/run-manager';
import { BUILT_IN_PROFILE_ID, createProfileStore } from '../../../src/main/storage/profile-store';
import type { RunView } from '../../../src/shared/bridge/contract';
import type { RunProgress } from '../../../src/shared/onboarding/run-progress';
import { enterCredentials, type Harness, startHarness } from './harness';

// The run manager's events are what the checklist window receives: one whole run view per journal entry made the
// window's work grow with the square of the plan. These tests hold the manager to its promise: while a step works,
// views and progress are thinned to the latest per interval, and the step's final view comes last.
describe('the run events a window receives while a step works', () => {
  let harness: Harness;
  let dataDir: string;
  let views: RunView[];
  let progress: RunProgress[];
  let manager: RunManager;

  const startManager = (eventIntervalMs: number): RunManager =>
    createRunManager({
      toolVersion: '0.0.0-test',
      runs: harness.runs,
      profiles: createProfileStore({ dataDir }),
      connection: async () => harness.env.connection,
      browsers: async () => ({ choice: 'in-app', factory: harness.env.browsers }),
      onChanged: (view) => views.push(view),
      onProgress: (p) => progress.push(p),
      eventIntervalMs,
      limits: harness.limits,
    });

  const signedIn = async (): Promise<string> => {
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
    await manager.plan(runId);
    return runId;
  };

  beforeEach(async () => {
    harness = await startHarness();
    dataDir = await mkdtemp(join(tmpdir(), 'pia-run-events-'));
    views = [];
    progress = [];
  });
  afterEach(async () => {
    await manager?.closeAll();
    await harness?.close();
    await rm(dataDir, { recursive: true, force: true });
  });

  it('sends a step’s first view at once and its final view last, nothing per write between them', async () => {
    // An interval longer than the step: whatever the machine's speed, only the first and the final view go out.
    manager = startManager(600_000);
    const runId = await signedIn();
    views = [];
    progress = [];

    const applied = await manager.apply(runId);

    const journaled = applied.record.writes.length;
    expect(journaled).toBeGreaterThan(10);
    expect(views).toHaveLength(2);
    expect(views.at(-1)).toEqual(applied);
    expect(views[0]?.record.writes.length).toBeLessThan(journaled);
    expect(progress).toHaveLength(1);
  });

  it('sends the latest view at the end of each interval while the step works, in the journal’s order', async () => {
    manager = startManager(1);
    const runId = await signedIn();
    views = [];

    const applied = await manager.apply(runId);

    expect(views.at(-1)).toEqual(applied);
    // Each view holds at least what the one before it held: none arrives out of order.
    const settled = views.map((v) => v.record.writes.filter((w) => w.outcome !== null).length);
    expect(settled).toEqual([...settled].sort((a, b) => a - b));
  });
});
