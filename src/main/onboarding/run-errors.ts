import { ZodError } from 'zod';
import { guidanceFromGraphError, guidanceFromUnexpectedAnswer } from '../../shared/guidance/from-graph-error';
import { guidanceFromNetworkFailure } from '../../shared/guidance/from-network-failure';
import type { Guidance } from '../../shared/guidance/guidance';
import { GraphBatchError } from '../graph/graph-session';
import { UnexpectedAnswerError } from '../graph/unexpected-answer';
import { SnapshotReadError } from './read-snapshot';

/** A step stopped with guidance; the run records it as a `problem` entry and stays resumable. */
export class StepStopped extends Error {
  override readonly name = 'StepStopped';
  constructor(readonly guidance: Guidance) {
    super(guidance.rawMessage);
  }
}

/**
 * The guidance for a step that failed with an error rather than stopping with guidance of its own: Graph's error
 * answer, an answer this version cannot read, or no answer at all (the connection).
 */
export const guidanceForFailure = (error: unknown): Guidance => {
  if (error instanceof GraphBatchError) {
    return guidanceFromGraphError({ status: error.statusCode, body: error.body, headers: error.headers });
  }
  if (error instanceof SnapshotReadError) {
    return guidanceFromGraphError({
      status: error.response.status,
      body: error.response.body,
      headers: error.response.headers ?? {},
    });
  }
  // An answer came, in a shape this version does not read: not a lost connection.
  if (error instanceof UnexpectedAnswerError)
    return guidanceFromUnexpectedAnswer({ detail: error.message, requestId: error.requestId });
  // Within a step, only Graph answers are parsed without naming their request (the identity read's).
  if (error instanceof ZodError) return guidanceFromUnexpectedAnswer({ detail: error.message });
  return guidanceFromNetworkFailure(error);
};
