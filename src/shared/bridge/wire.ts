import { z } from 'zod';
import { BridgeErrorDataSchema } from './errors';

/** The answer to one request, as both transports carry it: a result or a typed error, never a thrown crash. */
export const BridgeOutcomeSchema = z.discriminatedUnion('ok', [
  z.object({ ok: z.literal(true), result: z.unknown() }),
  z.object({ ok: z.literal(false), error: BridgeErrorDataSchema }),
]);

/** The answer to one request. */
export type BridgeOutcome = z.infer<typeof BridgeOutcomeSchema>;

/** A message from the renderer to the main process over the WebSocket transport. */
export const WireRequestSchema = z.object({
  kind: z.literal('request'),
  id: z.number().int().nonnegative(),
  method: z.string().max(100),
  payload: z.unknown(),
});

/** A request message. */
export type WireRequest = z.infer<typeof WireRequestSchema>;

/** A message from the main process to the renderer over the WebSocket transport. */
export const WireServerMessageSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('response'), id: z.number().int().nonnegative(), outcome: BridgeOutcomeSchema }),
  z.object({ kind: z.literal('event'), name: z.string(), payload: z.unknown() }),
]);

/** A response or event message. */
export type WireServerMessage = z.infer<typeof WireServerMessageSchema>;

/** The Electron IPC channel that carries a request method (`bridge:client.check`). */
export const ipcRequestChannel = (method: string): string => `bridge:${method}`;

/** The Electron IPC channel that carries an event (`bridge-event:onboarding.progress`). */
export const ipcEventChannel = (event: string): string => `bridge-event:${event}`;
