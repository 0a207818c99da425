import { buildGuidance } from './build-guidance';
import { UNKNOWN_ENTRIES } from './catalog';
import type { Guidance } from './guidance';

/**
 * Guidance for a request that got no answer (connection reset, DNS failure, timeout). The message is kept
 * for support; the step can be resumed, since the engine reads the tenant's state before writing again.
 */
export const guidanceFromNetworkFailure = (error: unknown): Guidance => {
  const message = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
  const cause = error instanceof Error && error.cause instanceof Error ? ` (${error.cause.message})` : '';
  const code =
    error instanceof Error && typeof (error.cause as { code?: unknown } | undefined)?.code === 'string'
      ? String((error.cause as { code: string }).code)
      : 'network';
  return buildGuidance('network', true, UNKNOWN_ENTRIES.network, {
    source: 'network',
    code,
    httpStatus: null,
    rawMessage: `${message}${cause}`.slice(0, 2000),
    retryAfterSeconds: null,
    support: {},
  });
};
