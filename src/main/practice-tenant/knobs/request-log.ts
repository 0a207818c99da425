import { z } from 'zod';
import { HostKindSchema } from './fault-rule';

/** One request that reached the practice tenant, as tests and benchmarks read it. */
export const RequestLogEntrySchema = z
  .object({
    /** When the request arrived, in milliseconds since the epoch (the server's clock). */
    at: z.number(),
    method: z.string(),
    host: HostKindSchema,
    /** Path without the query string (for Graph, including `/v1.0`). */
    path: z.string(),
    /** Status sent; 0 when the connection was dropped without a response. */
    status: z.number().int(),
    durationMs: z.number().min(0),
    /** Number of requests inside a `$batch`; absent for other requests. */
    batchItemCount: z.number().int().optional(),
  })
  .readonly();

/** One request that reached the practice tenant. */
export type RequestLogEntry = z.infer<typeof RequestLogEntrySchema>;

/** The requests a practice tenant has answered, in the order they finished. */
export interface RequestLog {
  readonly entries: readonly RequestLogEntry[];
  record(entry: RequestLogEntry): void;
  clear(): void;
}

/** Creates an empty request log. */
export const createRequestLog = (): RequestLog => {
  let entries: RequestLogEntry[] = [];
  return {
    get entries() {
      return entries;
    },
    record(entry) {
      entries = [...entries, entry];
    },
    clear() {
      entries = [];
    },
  };
};
