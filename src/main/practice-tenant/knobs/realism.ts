import type { IncomingMessage, ServerResponse } from 'node:http';
import { performance } from 'node:perf_hooks';
import type { Fault, HostKind } from './fault-rule';
import type { Knobs } from './knobs';

/** A Node request handler as both practice servers use them. */
export type RequestHandler = (req: IncomingMessage, res: ServerResponse) => Promise<void>;

/** How a host answers a throttled or unavailable request (each host in its own error shape). */
export type FaultAnswer = (
  fault: Exclude<Fault, { kind: 'drop' | 'drop-after' }>,
  req: IncomingMessage,
  res: ServerResponse,
) => void;

/** Options of {@link withRealism}. */
export interface RealismOptions {
  readonly host: HostKind;
  readonly knobs: Knobs;
  /** Milliseconds since the epoch, for the log's `at`. */
  readonly clock: () => number;
  /** The path that fault rules match, from the request URL without its query (Graph strips `/v1.0`). */
  readonly faultPath: (path: string) => string;
  readonly answerFault: FaultAnswer;
  /** The number of `$batch` items the handler saw for a request, if any. */
  readonly batchItemCount?: (req: IncomingMessage) => number | undefined;
  /** Where unexpected handler failures are reported. */
  readonly onError?: (error: unknown) => void;
}

const pathOf = (url: string | undefined): string => (url ?? '/').split('?')[0] ?? '/';

/**
 * Wraps a host's handler with the run's realism: latency before every answer, injected faults (429, 503, dropped
 * connections, before or after the request is handled) and the request log entry written when the exchange ends.
 */
export const withRealism =
  (handler: RequestHandler, options: RealismOptions): RequestHandler =>
  async (req, res) => {
    const started = performance.now();
    const at = options.clock();
    const method = (req.method ?? 'GET').toUpperCase();
    const path = pathOf(req.url);
    let dropped = false;
    res.once('close', () => {
      const batchItemCount = options.batchItemCount?.(req);
      options.knobs.requestLog.record({
        at,
        method,
        host: options.host,
        path,
        status: dropped || !res.headersSent ? 0 : res.statusCode,
        durationMs: performance.now() - started,
        batchItemCount,
      });
    });
    const latency = options.knobs.latencyMs;
    if (latency > 0) await new Promise((resolve) => setTimeout(resolve, latency));
    const fault = options.knobs.takeFault(options.host, method, options.faultPath(path));
    if (fault?.kind === 'drop') {
      dropped = true;
      req.socket.destroy();
      return;
    }
    if (fault?.kind === 'drop-after') {
      // The handler runs to the end, but whatever it answers is discarded and the connection destroyed.
      dropped = true;
      Object.assign(res, {
        writeHead: () => res,
        write: () => true,
        end: () => {
          req.socket.destroy();
          return res;
        },
      });
    } else if (fault !== undefined) {
      options.answerFault(fault, req, res);
      return;
    }
    try {
      await handler(req, res);
    } catch (error) {
      options.onError?.(error);
      if (!res.headersSent) {
        res.statusCode = 500;
        res.setHeader('Content-Type', 'application/json');
        res.end(
          JSON.stringify({ error: { code: 'InternalServerError', message: 'The practice tenant failed.' } }),
        );
      } else res.destroy();
    }
  };
