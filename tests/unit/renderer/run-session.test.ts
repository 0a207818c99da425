import { describe, expect, it, vi } from 'vitest';
import { createRunSession } from '../../../src/renderer/run/run-session';
import { bridgeContract } from '../../../src/shared/bridge/contract';
import { buildBridgeApi } from '../../../src/shared/bridge/define';
import {
  type RunChange,
  type RunFlags,
  type RunView,
  receiptOf,
  runViewOf,
} from '../../../src/shared/bridge/run-view';
import type { RunEntry } from '../../../src/shared/onboarding/run-entry';
import type { RunProgress } from '../../../src/shared/onboarding/run-progress';
import { foldRun } from '../../../src/shared/onboarding/run-record';
import {
  blockedRun,
  fixtureId,
  graphErrorGuidance,
  type RunJournal,
  startRun,
} from '../../support/run-fixtures';

// The checklist's run session against a fake bridge: the real contract (every request and answer is validated as
// on the wire), with the main process's answers chosen by each test.

const RUN_ID = fixtureId('run/1');

/** The journal entries each view was folded from: what the fake main process sends as changes before a receipt. */
const ENTRIES = new WeakMap<RunView, readonly RunEntry[]>();

/** The main process's view of a run folded from `entries`. */
const viewOfEntries = (entries: readonly RunEntry[], flags: RunFlags): RunView => {
  const record = foldRun(entries);
  if (record === null) throw new Error('A fixture journal starts a run.');
  const view = runViewOf(record, entries.length, flags);
  ENTRIES.set(view, entries);
  return view;
};

/** The main process's view of a fixture journal. */
const viewOf = (journal: RunJournal, extra: Partial<Pick<RunView, 'signedIn' | 'busy'>> = {}): RunView =>
  viewOfEntries(journal.entries, {
    live: true,
    signedIn: extra.signedIn ?? journal.record().account !== null,
    busy: extra.busy ?? false,
  });

/** The change event that takes a window from `before` to `after` (a later state of the same journal). */
const changeOf = (before: RunJournal, after: RunJournal, flags: Partial<RunChange> = {}): RunChange => ({
  runId: after.record().runId,
  from: before.entries.length,
  entries: after.entries.slice(before.entries.length),
  live: true,
  signedIn: after.record().account !== null,
  busy: false,
  ...flags,
});

const journal = (): RunJournal => startRun({ runId: RUN_ID });
// The journal after a sign-in whose guards passed, and after the plan's writes.
const identified = (): RunJournal => journal().discover().signIn().readIdentity().guards();
const written = (): RunJournal => identified().plan().confirm().write();
const started = () => viewOf(journal(), { signedIn: false });
const discovered = () => viewOf(journal().discover(), { signedIn: false });
const signedIn = () => viewOf(identified());
const planned = () => viewOf(identified().plan());
const granted = () => viewOf(written());
const verified = () => viewOf(written().verify());

const ALL_OK = (['sign-in-endpoint', 'sign-in-app', 'graph-endpoint', 'clock', 'profile'] as const).map(
  (id) => ({
    id,
    label: id,
    ok: true,
    detail: '',
    whatToDo: [],
  }),
);

type Handler = (payload: unknown) => unknown;

/** The main process's answers for an onboarding where every step succeeds; tests replace the ones they need. */
const ONBOARDS: Readonly<Record<string, Handler>> = {
  'onboarding.start': () => started(),
  'onboarding.preflight': () => ({ view: discovered(), checks: ALL_OK }),
  'onboarding.signIn': () => signedIn(),
  'onboarding.plan': () => planned(),
  'onboarding.apply': () => granted(),
  'onboarding.verify': () => verified(),
};

// The main process answers a step with a receipt of the run's view, having sent the entries in changes before it.
const RECEIPT_ANSWERS = new Set([
  'onboarding.signIn',
  'onboarding.plan',
  'onboarding.apply',
  'onboarding.verify',
  'onboarding.finish',
  'onboarding.cancel',
]);

/**
 * A bridge whose answers the test sets per method, as whole views. As the main process does, a step's answer is
 * its receipt, after a change with the entries the window has not been sent; `runs.get` answers with the latest view
 * (what the window asks for when a receipt does not match the view it folded). A handler that throws is refused.
 */
const fakeBridge = (answers: Record<string, Handler>) => {
  const calls: string[] = [];
  const listeners = new Map<string, Set<(payload: unknown) => void>>();
  let latest: RunView | null = null;
  const emit = (event: string, payload: unknown): void => {
    for (const listener of listeners.get(event) ?? []) listener(payload);
  };
  /** Sends the entries of `view` the window was not sent yet, then its receipt. */
  const receipt = (view: RunView) => {
    const entries = ENTRIES.get(view) ?? [];
    const sent = latest?.record.runId === view.record.runId ? latest.journalLength : view.journalLength;
    if (sent < entries.length) {
      const { live, signedIn, busy } = view;
      emit('onboarding.changed', {
        runId: view.record.runId,
        from: sent,
        entries: entries.slice(sent),
        live,
        signedIn,
        busy,
      });
    }
    latest = view;
    return receiptOf(view);
  };
  const answer = async (method: string, payload: unknown): Promise<unknown> => {
    const handler = answers[method] ?? (method === 'runs.get' ? () => latest : undefined);
    if (handler === undefined) throw new Error(`unknown method ${method}`);
    const result = await handler(payload);
    if (RECEIPT_ANSWERS.has(method)) return receipt(result as RunView);
    if (method === 'onboarding.preflight') {
      const { view, checks } = result as { view: RunView; checks: unknown };
      return { receipt: receipt(view), checks };
    }
    if (method === 'onboarding.start' || method === 'runs.get') latest = result as RunView;
    return result;
  };
  const api = buildBridgeApi(
    bridgeContract,
    async (method, payload) => {
      calls.push(method);
      if (answers[method] === undefined && method !== 'runs.get')
        return { ok: false, error: { code: 'unknown-method', message: method } };
      try {
        return { ok: true, result: await answer(method, payload) };
      } catch (error) {
        return { ok: false, error: { code: 'refused', message: (error as Error).message } };
      }
    },
    (event, listener) => {
      const set = listeners.get(event) ?? new Set();
      listeners.set(event, set);
      set.add(listener);
      return () => set.delete(listener);
    },
  );
  return { api, calls, emit };
};

/** A session listening to the bridge's events, as the checklist page's is. */
const connected = (bridge: ReturnType<typeof fakeBridge>) => {
  const session = createRunSession(bridge.api);
  session.connect();
  return session;
};

/** A bridge that onboards, holding back its answer to `method` (`view` of the run) until `release` is called. */
const answerHeldBack = (method: string, view: () => RunView) => {
  let release: () => void = () => undefined;
  const bridge = fakeBridge({
    ...ONBOARDS,
    [method]: () =>
      new Promise((resolve) => {
        release = () => resolve(view());
      }),
  });
  return { bridge, release: () => release() };
};

const REQUEST = {
  clientText: 'contoso.com',
  technician: 'Alex Wilber',
  ticket: null,
  profileId: 'built-in',
  strategy: 'direct-grant',
} as const;

describe('the run session of the checklist', () => {
  it('starts a run and runs Preflight, unlocking Sign in only when every check passed', async () => {
    const bridge = fakeBridge(ONBOARDS);
    const session = connected(bridge);
    await session.start(REQUEST);
    expect(bridge.calls).toEqual(['onboarding.start', 'onboarding.preflight']);
    expect(session.getState()).toMatchObject({ step: 'preflight', reached: 'sign-in', pending: null });

    const failing = fakeBridge({
      ...ONBOARDS,
      'onboarding.preflight': () => ({
        view: discovered(),
        checks: ALL_OK.map((c) => (c.id === 'clock' ? { ...c, ok: false } : c)),
      }),
    });
    const blocked = connected(failing);
    await blocked.start(REQUEST);
    expect(blocked.getState()).toMatchObject({ step: 'preflight', reached: 'preflight' });
    // Sign in is not reachable until Preflight passes.
    blocked.goTo('sign-in');
    expect(blocked.getState().step).toBe('preflight');
  });

  it('goes from a sign-in whose guards passed to Confirm identity, with Review plan unlocked', async () => {
    const bridge = fakeBridge(ONBOARDS);
    const session = connected(bridge);
    await session.start(REQUEST);
    const before = session.getState().stepSeq;
    await session.signIn('select_account');
    expect(session.getState()).toMatchObject({ step: 'identity', reached: 'plan', pending: null });
    expect(session.getState().stepSeq).toBeGreaterThan(before);
  });

  it('keeps a blocked administrator at Confirm identity', async () => {
    // A Helpdesk Administrator: the role guard blocks (the fixture's journal ends there; the live run would not).
    const entries = blockedRun({ runId: RUN_ID }).entries.filter((e) => e.type !== 'run-ended');
    const blockedView = viewOfEntries(entries, { live: true, signedIn: true, busy: false });
    const bridge = fakeBridge({
      ...ONBOARDS,
      'onboarding.signIn': () => blockedView,
    });
    const session = connected(bridge);
    await session.start(REQUEST);
    await session.signIn('select_account');
    expect(session.getState()).toMatchObject({ step: 'identity', reached: 'identity' });
    await session.continueAfterIdentity();
    expect(bridge.calls).not.toContain('onboarding.plan');
  });

  it('plans, and after the grant verifies on its own, unlocking the report', async () => {
    const bridge = fakeBridge(ONBOARDS);
    const session = connected(bridge);
    await session.start(REQUEST);
    await session.signIn('select_account');
    await session.continueAfterIdentity();
    expect(session.getState()).toMatchObject({ step: 'plan', planFresh: true });
    await session.apply();
    expect(bridge.calls.slice(-2)).toEqual(['onboarding.apply', 'onboarding.verify']);
    expect(session.getState()).toMatchObject({ step: 'verify', reached: 'report', planFresh: false });
    // A plan is applied once: a second apply without planning again sends nothing.
    await session.apply();
    expect(bridge.calls.filter((c) => c === 'onboarding.apply')).toHaveLength(1);
  });

  it('records a refused request against its step, and clears it when the step is tried again', async () => {
    let refuse = true;
    const bridge = fakeBridge({
      ...ONBOARDS,
      'onboarding.plan': () => {
        if (refuse) throw new Error('The run is busy with another step.');
        return planned();
      },
    });
    const session = connected(bridge);
    await session.start(REQUEST);
    await session.signIn('select_account');
    await session.plan();
    expect(session.getState()).toMatchObject({
      step: 'plan',
      pending: null,
      planFresh: false,
      refusals: { plan: 'The run is busy with another step.' },
    });
    refuse = false;
    await session.plan();
    expect(session.getState().refusals).toEqual({});
    expect(session.getState().planFresh).toBe(true);
  });

  it('files a problem the journal recorded under the step it belongs to', async () => {
    const guidance = graphErrorGuidance(503, 'serviceNotAvailable', 'Service unavailable.');
    const failedVerify = viewOf(written().problem('verify', guidance));
    const bridge = fakeBridge({
      ...ONBOARDS,
      'onboarding.plan': () => planned(),
      'onboarding.apply': () => granted(),
      'onboarding.verify': () => failedVerify,
    });
    const session = connected(bridge);
    await session.start(REQUEST);
    await session.signIn('select_account');
    await session.continueAfterIdentity();
    await session.apply();
    expect(session.getState().problems.verify?.code).toBe('serviceNotAvailable');
    expect(session.getState().reached).toBe('verify');
  });

  it('folds each change into the view it holds, and ignores what arrives out of turn', async () => {
    const bridge = fakeBridge({ ...ONBOARDS, 'runs.get': () => viewOf(identified().plan().confirm()) });
    const session = createRunSession(bridge.api);
    const disconnect = session.connect();
    await session.start(REQUEST);
    await session.signIn('select_account');
    const current = session.getState().view;

    // The run the technician left a moment ago still reports a change.
    const otherRun = startRun({ runId: fixtureId('run/2') });
    bridge.emit('onboarding.changed', changeOf(otherRun, otherRun.discover()));
    expect(session.getState().view).toBe(current);

    // Progress of a step whose answer already came (nothing pending) is not shown.
    const late: RunProgress = {
      runId: RUN_ID,
      phase: 'sign-in',
      message: 'Signing in…',
      done: null,
      total: null,
    };
    bridge.emit('onboarding.progress', late);
    expect(session.getState().progress).toBeNull();

    // A change of this run: its entries are folded into the record held, which keeps what did not change.
    bridge.emit('onboarding.changed', changeOf(identified(), identified().plan(), { busy: true }));
    const folded = session.getState().view;
    expect(folded).toEqual(viewOf(identified().plan(), { busy: true }));
    expect(folded?.record.account).toBe(current?.record.account);

    // The same change again (an answer already held its entries): nothing is folded twice.
    bridge.emit('onboarding.changed', changeOf(identified(), identified().plan(), { busy: true }));
    expect(session.getState().view?.record).toBe(folded?.record);

    // A change that starts after the last entry held: the entries between were lost, so the whole view is asked for.
    bridge.emit('onboarding.changed', changeOf(identified().plan().confirm(), written()));
    await vi.waitFor(() => expect(bridge.calls).toContain('runs.get'));
    await vi.waitFor(() => expect(session.getState().view).toEqual(viewOf(identified().plan().confirm())));

    disconnect();
    bridge.emit('onboarding.changed', changeOf(identified().plan().confirm(), written()));
    expect(session.getState().view?.record.writes).toEqual([]);
  });

  it('keeps the record it folded when a step’s answer holds the same entries, and takes the answer’s flags', async () => {
    const bridge = fakeBridge(ONBOARDS);
    const session = createRunSession(bridge.api);
    session.connect();
    await session.start(REQUEST);
    await session.signIn('select_account');
    bridge.emit('onboarding.changed', changeOf(identified(), identified().plan(), { busy: true }));
    const folded = session.getState().view?.record;

    await session.plan();

    // The answer is not busy; its record equals the folded one, which stays (its rows are not drawn again).
    expect(session.getState().view).toEqual(planned());
    expect(session.getState().view?.busy).toBe(false);
    expect(session.getState().view?.record).toBe(folded);
  });

  it('draws once per task, after the requests the task sent', async () => {
    const bridge = fakeBridge(ONBOARDS);
    const session = connected(bridge);
    const draws: string[] = [];
    session.subscribe(() => draws.push(`${session.getState().step}, ${bridge.calls.length} calls`));
    await session.start(REQUEST);
    await session.signIn('select_account');
    await session.continueAfterIdentity();
    await session.apply();
    // Granting, verifying and their answers came in a few tasks; each task was drawn once, as it ended.
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(bridge.calls).toEqual([
      'onboarding.start',
      'onboarding.preflight',
      'onboarding.signIn',
      'onboarding.plan',
      'onboarding.apply',
      'onboarding.verify',
    ]);
    expect(draws.length).toBeGreaterThan(0);
    expect(draws.length).toBeLessThan(6);
    expect(draws.at(-1)).toBe('verify, 6 calls');
  });

  it('folds the change that ends the awaited step at once, and draws it with the step’s answer', async () => {
    const { bridge, release: answer } = answerHeldBack('onboarding.plan', planned);
    const session = connected(bridge);
    await session.start(REQUEST);
    await session.signIn('select_account');
    const planning = session.plan();
    await vi.waitFor(() => expect(session.getState().pending).toBe('plan'));
    let draws = 0;
    session.subscribe(() => {
      draws += 1;
    });

    // While the step works, a change is drawn.
    bridge.emit('onboarding.changed', changeOf(identified(), identified(), { busy: true }));
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(draws).toBe(1);
    // The change that ends it is folded, not drawn: its answer follows.
    bridge.emit('onboarding.changed', changeOf(identified(), identified().plan(), { busy: false }));
    expect(session.getState().view?.record.plan).not.toBeNull();
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(draws).toBe(1);

    answer();
    await planning;
    await vi.waitFor(() => expect(draws).toBe(2));
    expect(session.getState()).toMatchObject({ pending: null, planFresh: true });
  });

  it('asks for the whole view when a step’s receipt counts entries it was not sent', async () => {
    const bridge = fakeBridge(ONBOARDS);
    // Not listening: the changes sent before each answer never reach it.
    const session = createRunSession(bridge.api);
    await session.start(REQUEST);
    await session.signIn('select_account');

    expect(bridge.calls).toEqual([
      'onboarding.start',
      'onboarding.preflight',
      'runs.get',
      'onboarding.signIn',
      'runs.get',
    ]);
    expect(session.getState().view).toEqual(signedIn());
    expect(session.getState()).toMatchObject({ step: 'identity', reached: 'plan' });
  });

  it('shows progress of the step in flight', async () => {
    const { bridge, release } = answerHeldBack('onboarding.signIn', signedIn);
    const session = connected(bridge);
    await session.start(REQUEST);
    const signingIn = session.signIn('select_account');
    await new Promise((resolve) => setImmediate(resolve));
    expect(session.getState().pending).toBe('sign-in');
    const progress: RunProgress = {
      runId: RUN_ID,
      phase: 'sign-in',
      message: 'Waiting for the administrator…',
      done: null,
      total: null,
    };
    bridge.emit('onboarding.progress', progress);
    expect(session.getState().progress).toEqual(progress);
    // Another step can't start while one is in flight.
    await session.plan();
    expect(bridge.calls).not.toContain('onboarding.plan');
    release();
    await signingIn;
    expect(session.getState()).toMatchObject({ pending: null, progress: null, step: 'identity' });
  });
});
