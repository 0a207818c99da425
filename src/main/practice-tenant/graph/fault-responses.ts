import type { Fault } from '../knobs/fault-rule';
import { errorResponse, GraphFailure } from './graph-error';
import type { GraphRequest, GraphResponse } from './graph-exchange';

/**
 * Graph's answer to a request the knobs throttle or fail: 429 or 503 with `Retry-After`. The 429 body follows the
 * sample of https://learn.microsoft.com/graph/throttling ("What happens when throttling occurs?"), whose
 * `innerError` also carries `code`, `message` and `status`. A dropped connection has no answer; inside a `$batch`,
 * where one item cannot drop the connection, it becomes a 503.
 */
export const faultResponse = (fault: Fault, request: GraphRequest, now: number): GraphResponse => {
  const unavailable = (retryAfterSeconds: number): GraphResponse =>
    errorResponse(
      new GraphFailure(
        503,
        'serviceNotAvailable',
        'The service is temporarily unavailable. Please retry later.',
        {
          'Retry-After': String(retryAfterSeconds),
        },
      ),
      request,
      now,
    );
  switch (fault.kind) {
    case 'throttle':
      return errorResponse(
        new GraphFailure(
          429,
          'TooManyRequests',
          'Please retry again later.',
          { 'Retry-After': String(fault.retryAfterSeconds) },
          { code: '429', message: 'Please retry after', status: '429' },
        ),
        request,
        now,
      );
    case 'unavailable':
      return unavailable(fault.retryAfterSeconds);
    case 'drop':
    case 'drop-after':
      return unavailable(1);
    default: {
      const never: never = fault;
      return never;
    }
  }
};
