import { type ChildProcess, spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import type { EngineChildConfig, EngineChildMessage } from './engine-child';

const CHILD_SCRIPT = fileURLToPath(new URL('./engine-child.ts', import.meta.url));

/** A running engine child. */
export interface EngineChild {
  /** Tells the child where its run goes; it starts the run (or resumes `config.resumeRunId`) at once. */
  start(config: EngineChildConfig): void;
  readonly process: ChildProcess;
  /** Every message so far, in order. */
  readonly messages: readonly EngineChildMessage[];
  /** The run's ID, once the child said it. */
  runId(): string | null;
  /** Resolves when the child has exited, with its exit code (null when a signal ended it) and signal. */
  readonly exited: Promise<{ readonly code: number | null; readonly signal: NodeJS.Signals | null }>;
  /** SIGKILL: the process dies at once, as when the app is killed or the machine loses power. */
  kill(): void;
}

/**
 * Starts the engine in a child process (Node with tsx, as `npm run` scripts run) and follows what it says. The
 * child loads the engine, then waits for {@link EngineChild.start}.
 */
export const spawnEngineChild = (
  onMessage: (message: EngineChildMessage, child: EngineChild) => void = () => undefined,
): EngineChild => {
  const child = spawn(process.execPath, ['--import', 'tsx', CHILD_SCRIPT], {
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  const messages: EngineChildMessage[] = [];
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => {
    stderr = (stderr + chunk.toString('utf8')).slice(-4000);
  });
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => {
    child.once('exit', (code, signal) => resolve({ code, signal }));
  });
  const handle: EngineChild = {
    start: (config) => {
      child.stdin?.end(`${JSON.stringify(config)}\n`);
    },
    process: child,
    messages,
    runId: () => {
      const first = messages.find((m) => m.kind === 'run');
      return first?.kind === 'run' ? first.runId : null;
    },
    exited: exited.then((result) => {
      if (result.code !== 0 && result.signal === null && stderr !== '') {
        process.stderr.write(`engine child exited ${result.code}:\n${stderr}\n`);
      }
      return result;
    }),
    kill: () => {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
    },
  };
  if (child.stdout !== null) {
    createInterface({ input: child.stdout }).on('line', (line) => {
      let message: EngineChildMessage;
      try {
        message = JSON.parse(line) as EngineChildMessage;
      } catch {
        return;
      }
      messages.push(message);
      onMessage(message, handle);
    });
  }
  return handle;
};
