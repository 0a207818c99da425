import { z } from 'zod';

/** The closed set of reasons a bridge request can fail for, independent of the transport. */
export const BridgeErrorCodeSchema = z.enum([
  /** The payload did not match the contract's schema. */
  'invalid-request',
  /** The method is not in the contract. */
  'unknown-method',
  /** The sender is not the app's own renderer. */
  'forbidden',
  /** The handler failed; details are in the main process log, never sent to the renderer. */
  'internal',
  /** The transport closed before the answer arrived. */
  'disconnected',
  /** The request is well formed but cannot be done now (a run that is not open, a step out of order). */
  'refused',
]);

/** A bridge error code. */
export type BridgeErrorCode = z.infer<typeof BridgeErrorCodeSchema>;

/** One schema problem in a rejected payload: where it is and what is wrong. */
export const BridgeIssueSchema = z.object({ path: z.string(), message: z.string() }).readonly();

/** The serialisable shape of a bridge error, as it crosses a transport. */
export const BridgeErrorDataSchema = z
  .object({
    code: BridgeErrorCodeSchema,
    message: z.string(),
    issues: z.array(BridgeIssueSchema).readonly().optional(),
  })
  .readonly();

/** The serialisable shape of a bridge error. */
export type BridgeErrorData = z.infer<typeof BridgeErrorDataSchema>;

/** The error a bridge request rejects with, on either side of either transport. */
export class BridgeError extends Error {
  override readonly name = 'BridgeError';
  readonly code: BridgeErrorCode;
  readonly issues: BridgeErrorData['issues'];

  constructor(data: BridgeErrorData) {
    super(data.message);
    this.code = data.code;
    this.issues = data.issues;
  }

  /** The plain data to send across a transport. */
  toData(): BridgeErrorData {
    return this.issues === undefined
      ? { code: this.code, message: this.message }
      : { code: this.code, message: this.message, issues: this.issues };
  }
}

/**
 * A request the main process cannot take now: a run that is not open, a step out of order, a missing profile. The
 * one error for such a refusal, from the engine up to the renderer, where its message is shown as it is.
 */
export const refused = (message: string): BridgeError => new BridgeError({ code: 'refused', message });
