import type { Fault } from '../knobs/fault-rule';
import { errorResponse, GraphFailure } from './graph-error';
import type { GraphRequest, GraphResponse } from './graph-exchange';

/**
 * Graph's answer to a request the knobs throttle or fail: 429 or 503 with `Retry-After`, as Graph sends them
 * (https://learn.microsoft.com/graph/throttling). A dropped connection has no answer; inside a `$batch`, where one
 * item cannot drop the connection, it becomes a 503.
 */
export const faultResponse = (fault: Fault, request: GraphRequest, now: number): GraphResponse => {
  switch (fault.kind) {
    case 'throttle':
      return errorResponse(
        new GraphFailure(429, 'TooManyRequests', 'Please retry again later.', {
          'Retry-After': String(fault.retryAfterSeconds),
        }),
        request,
        now,
      );
    case 'unavailable':
      return errorResponse(
        new GraphFailure(
          503,
          'serviceNotAvailable',
          'The service is temporarily unavailable. Please retry later.',
          {
            'Retry-After': String(fault.retryAfterSeconds),
          },
        ),
        request,
        now,
      );
    case 'drop':
      return errorResponse(
        new GraphFailure(
          503,
          'serviceNotAvailable',
          'The service is temporarily unavailable. Please retry later.',
          {
            'Retry-After': '1',
          },
        ),
        request,
        now,
      );
    default: {
      const never: never = fault;
      return never;
    }
  }
};
