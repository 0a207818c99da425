import { GRAPH_JSON_CONTENT_TYPE, type GraphRequest, type GraphResponse } from './graph-exchange';

/**
 * A Graph error answer, thrown by route handlers and turned into Graph's error shape:
 * https://learn.microsoft.com/graph/errors
 */
export class GraphFailure extends Error {
  override readonly name = 'GraphFailure';
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly headers: Readonly<Record<string, string>> = {},
    /** Properties some services add to `innerError` besides date and request IDs (throttling adds code and status). */
    readonly innerErrorExtra: Readonly<Record<string, string>> = {},
  ) {
    super(message);
  }
}

/** `date` of `innerError`: UTC, seconds precision, no zone designator, as Graph writes it. */
const graphDate = (now: number): string => new Date(now).toISOString().slice(0, 19);

/** Graph's error body and headers for a failure. */
export const errorResponse = (failure: GraphFailure, request: GraphRequest, now: number): GraphResponse => ({
  status: failure.status,
  headers: { 'Content-Type': GRAPH_JSON_CONTENT_TYPE, ...failure.headers },
  body: {
    error: {
      code: failure.code,
      message: failure.message,
      innerError: {
        ...failure.innerErrorExtra,
        date: graphDate(now),
        'request-id': request.requestId,
        'client-request-id': request.clientRequestId,
      },
    },
  },
});

/** 404 for a directory object that does not exist (or is not replicated yet). */
export const notFound = (id: string): GraphFailure =>
  new GraphFailure(
    404,
    'Request_ResourceNotFound',
    `Resource '${id}' does not exist or one of its queried reference-property objects are not present.`,
  );

/** 403 for a caller whose token or roles do not allow the call. */
export const accessDenied = (): GraphFailure =>
  new GraphFailure(403, 'Authorization_RequestDenied', 'Insufficient privileges to complete the operation.');

/** 400 for a malformed request. */
export const badRequest = (message: string, code = 'Request_BadRequest'): GraphFailure =>
  new GraphFailure(400, code, message);
