import type { z } from 'zod';
import {
  type BridgeHandlersOf,
  type ContractShape,
  findEvent,
  findRequest,
} from '../../shared/bridge/define';
import { BridgeError, type BridgeErrorData } from '../../shared/bridge/errors';
import type { BridgeOutcome } from '../../shared/bridge/wire';

/** Where the bridge reports handler failures; their details stay in the main process. */
export interface BridgeLog {
  error(message: string, detail: unknown): void;
}

/** The transport-independent main side of the bridge: validates and routes requests, validates events. */
export interface BridgeServer {
  /** Answers one request. Never throws: every failure becomes a typed error outcome. */
  handle(method: string, payload: unknown): Promise<BridgeOutcome>;
  /** Validates an event's payload and hands it to every subscribed transport. */
  emit(event: string, payload: unknown): void;
  /** Adds a transport's event sink; returns its removal. */
  subscribe(sink: (event: string, payload: unknown) => void): () => void;
}

const fail = (error: BridgeErrorData): BridgeOutcome => ({ ok: false, error });

const issuesOf = (error: z.ZodError): BridgeErrorData['issues'] =>
  error.issues.map((issue) => ({
    path: issue.path.map(String).join('.') || '(payload)',
    message: issue.message,
  }));

/** Creates the main side of the bridge for a contract and its handlers. */
export const createBridgeServer = <C extends ContractShape>(
  contract: C,
  handlers: BridgeHandlersOf<C>,
  log: BridgeLog,
): BridgeServer => {
  const sinks = new Set<(event: string, payload: unknown) => void>();
  const table = handlers as unknown as Record<string, Record<string, (input: unknown) => Promise<unknown>>>;

  return {
    async handle(method, payload) {
      const spec = findRequest(contract, method);
      const [ns = '', name = ''] = method.split('.');
      const handler = table[ns]?.[name];
      if (spec === undefined || handler === undefined) {
        return fail({
          code: 'unknown-method',
          message: `The bridge has no request named “${method.slice(0, 100)}”.`,
        });
      }
      const input = spec.input.safeParse(payload);
      if (!input.success) {
        return fail({
          code: 'invalid-request',
          message: `The request ${method} was malformed.`,
          issues: issuesOf(input.error),
        });
      }
      try {
        const result = spec.output.parse(await handler(input.data));
        return { ok: true, result };
      } catch (error) {
        if (error instanceof BridgeError) return fail(error.toData());
        log.error(`Bridge handler ${method} failed`, error);
        return fail({
          code: 'internal',
          message: `The app could not complete ${method}. The details are in its log.`,
        });
      }
    },
    emit(event, payload) {
      const schema = findEvent(contract, event);
      if (schema === undefined) throw new Error(`The bridge has no event named ${event}.`);
      const parsed = schema.parse(payload);
      for (const sink of sinks) sink(event, parsed);
    },
    subscribe(sink) {
      sinks.add(sink);
      return () => sinks.delete(sink);
    },
  };
};
