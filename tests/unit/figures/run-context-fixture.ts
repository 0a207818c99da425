import type { RunContext } from '../../../scripts/figures/run-context';

/** Where a figures file says it was measured, for the tests of what bench and chaos write. */
export const exampleRunContext = (overrides: Partial<RunContext> = {}): RunContext => ({
  command: 'npm run bench',
  totalSeconds: 155,
  commit: 'd3c8ad5f00aa',
  changedFiles: 0,
  startedAt: '2026-11-30T03:06:12.345Z',
  machine: '2 × Example CPU, 7.8 GiB, Linux 6.1, Node v20.19.0',
  loadAtStart: { one: 1.5, five: 2.25, fifteen: 3, source: '/proc/loadavg' },
  loadAtEnd: { one: 2, five: 2, fifteen: 2.5, source: '/proc/loadavg' },
  ...overrides,
});
