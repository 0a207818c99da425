import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { cpus, loadavg, release, totalmem, type } from 'node:os';

/** The system load averages over 1, 5 and 15 minutes, and where they were read. */
export interface LoadAverage {
  readonly one: number;
  readonly five: number;
  readonly fifteen: number;
  readonly source: '/proc/loadavg' | 'os.loadavg()';
}

/** What a figure was measured on: the code, the moment, the machine and how busy it was. */
export interface RunContext {
  /** The commit checked out, abbreviated. */
  readonly commit: string;
  /** Tracked files that differ from that commit when the run started. */
  readonly changedFiles: number;
  /** When the run started, ISO 8601 in UTC. */
  readonly startedAt: string;
  readonly machine: string;
  readonly loadAtStart: LoadAverage;
  readonly loadAtEnd: LoadAverage;
  /** The command as typed, options included. */
  readonly command: string;
  /** Seconds from the script's start (process start, loading included) to the figures being written. */
  readonly totalSeconds: number;
}

/** Reads the first three fields of /proc/loadavg ("0.52 0.58 0.59 1/467 12345"); null when they are not numbers. */
export const parseLoadAverage = (text: string): Omit<LoadAverage, 'source'> | null => {
  const [one, five, fifteen] = text.trim().split(/\s+/).map(Number);
  if (one === undefined || five === undefined || fifteen === undefined) return null;
  if (![one, five, fifteen].every((n) => Number.isFinite(n) && n >= 0)) return null;
  return { one, five, fifteen };
};

/** The load averages now: from /proc/loadavg on Linux, from Node's os.loadavg() elsewhere. */
export const readLoadAverage = (): LoadAverage => {
  try {
    const parsed = parseLoadAverage(readFileSync('/proc/loadavg', 'utf8'));
    if (parsed !== null) return { ...parsed, source: '/proc/loadavg' };
  } catch {
    // Not Linux: Node reads the same figures from the system.
  }
  const [one = 0, five = 0, fifteen = 0] = loadavg();
  return { one, five, fifteen, source: 'os.loadavg()' };
};

const git = (args: readonly string[]): string => {
  const result = spawnSync('git', args, { encoding: 'utf8' });
  return result.status === 0 ? result.stdout.trim() : '';
};

/** The machine in one line: processor, cores, memory, system and Node. */
export const describeMachine = (): string => {
  const processors = cpus();
  const model = processors[0]?.model.replace(/\s+/g, ' ').trim() ?? 'unknown processor';
  const memory = (totalmem() / 1024 ** 3).toFixed(1);
  return `${processors.length} × ${model}, ${memory} GiB, ${type()} ${release()}, Node ${process.version}`;
};

/** The parts of a {@link RunContext} known when a run starts. */
export type RunStart = Omit<RunContext, 'loadAtEnd' | 'totalSeconds'>;

/** Notes the commit, the moment, the machine and the load as a run starts. */
export const startRunContext = (script: string, args: readonly string[]): RunStart => ({
  commit: git(['rev-parse', '--short=12', 'HEAD']) || 'unknown',
  changedFiles: git(['status', '--porcelain', '--untracked-files=no'])
    .split('\n')
    .filter((line) => line !== '').length,
  startedAt: new Date().toISOString(),
  machine: describeMachine(),
  loadAtStart: readLoadAverage(),
  command: ['npm run', script, ...(args.length > 0 ? ['--', ...args] : [])].join(' '),
});

/** Completes a run's context as it ends: the load then, and the script's whole time since its process started. */
export const endRunContext = (start: RunStart): RunContext => ({
  ...start,
  loadAtEnd: readLoadAverage(),
  totalSeconds: process.uptime(),
});

const load = (l: LoadAverage): string => `${l.one.toFixed(2)} ${l.five.toFixed(2)} ${l.fifteen.toFixed(2)}`;

/** A duration as people read it: "48.2 s", "8 min 23 s". */
export const formatDuration = (seconds: number): string => {
  if (seconds < 60) return `${seconds.toFixed(1)} s`;
  const whole = Math.round(seconds);
  return `${Math.floor(whole / 60)} min ${whole % 60} s`;
};

/** The Markdown lines that say where and when the figures were measured. */
export const renderRunContext = (context: RunContext): string =>
  [
    `- Command: \`${context.command}\`, which took ${formatDuration(context.totalSeconds)} from its start to these figures.`,
    `- Commit: \`${context.commit}\`${context.changedFiles === 0 ? '' : ` with ${context.changedFiles} tracked file(s) changed in the working tree`}.`,
    `- Started: ${context.startedAt.replace('T', ' ').replace(/\.\d+Z$/, ' UTC')}.`,
    `- Machine: ${context.machine}.`,
    `- Load average (1, 5, 15 min, from ${context.loadAtStart.source}): ${load(context.loadAtStart)} at the start, ${load(context.loadAtEnd)} at the end.`,
  ].join('\n');
