import { SIGN_IN_APP_CLOUD_NAMES, signInAppCloudOf, signInClientIdFor } from '../../shared/cloud/sign-in-app';
import { missingSignInAppGuidance } from '../../shared/guidance/run-guidance';
import type { RunRecord } from '../../shared/onboarding/run-record';
import { createHttpClient } from '../net/http-client';
import type { RunConnection } from './run-environment';

/** One preflight check: a green or red mark and what to do about red. */
export interface PreflightCheck {
  readonly id: 'sign-in-endpoint' | 'sign-in-app' | 'graph-endpoint' | 'clock' | 'profile';
  readonly label: string;
  readonly ok: boolean;
  readonly detail: string;
  readonly whatToDo: readonly string[];
}

/**
 * Tokens carry `nbf` and `exp`; Microsoft tolerates about five minutes of clock skew, beyond which sign-in fails
 * with confusing errors. https://learn.microsoft.com/entra/identity-platform/access-tokens#validate-tokens
 */
export const CLOCK_TOLERANCE_MS = 5 * 60_000;

/**
 * Checks, before the administrator signs in, that the cloud's sign-in and Graph endpoints answer, that this
 * computer's clock agrees with Microsoft's (the `Date` header of Graph's answer), and that the profile asks for
 * something. Discovery has run just before: its success is the sign-in endpoint's check.
 */
export const runPreflight = async (
  record: RunRecord,
  connection: RunConnection,
  now: () => Date,
): Promise<readonly PreflightCheck[]> => {
  const checks: PreflightCheck[] = [];
  const discovery = record.discovery;
  const lastProblem = record.problems.at(-1);
  checks.push(
    discovery !== null
      ? {
          id: 'sign-in-endpoint',
          label: 'Microsoft sign-in reachable, client tenant found',
          ok: true,
          detail: `Tenant ${discovery.tenantId} in ${discovery.cloudDisplayName} (${discovery.evidence}).`,
          whatToDo: [],
        }
      : {
          id: 'sign-in-endpoint',
          label: 'Microsoft sign-in reachable, client tenant found',
          ok: false,
          detail: lastProblem?.guidance.rawMessage ?? 'The tenant could not be looked up.',
          whatToDo: lastProblem?.guidance.whatToDo ?? [
            'Check the client’s domain and this computer’s connection.',
          ],
        },
  );

  if (discovery !== null) {
    // A registration of the sign-in app in the tenant's own cloud, or the run cannot sign anyone in there.
    // https://learn.microsoft.com/graph/deployments#app-registration-and-token-service-root-endpoints
    const clientId = signInClientIdFor(connection.signInClientIds, discovery.cloud);
    const appCloud = signInAppCloudOf(discovery.cloud);
    const missing =
      clientId === null
        ? missingSignInAppGuidance({ id: discovery.cloud, displayName: discovery.cloudDisplayName })
        : null;
    checks.push({
      id: 'sign-in-app',
      label: 'Sign-in app registered in the client’s cloud',
      ok: missing === null,
      detail:
        missing === null
          ? `Client ID ${clientId} (${appCloud === 'practice' ? discovery.cloudDisplayName : SIGN_IN_APP_CLOUD_NAMES[appCloud]}).`
          : missing.rawMessage,
      whatToDo: missing === null ? [] : missing.whatToDo,
    });
  }

  if (discovery !== null) {
    const http = createHttpClient(
      connection.trustedCertificate === undefined
        ? {}
        : { trustedCertificate: connection.trustedCertificate },
    );
    try {
      const sentAt = now().getTime();
      // Unauthenticated: Graph answers 401 at once, which proves it is reachable and gives its clock.
      const response = await http.fetch(`${discovery.graphOrigin}/v1.0/organization`, {
        signal: AbortSignal.timeout(15_000),
      });
      await response.body?.cancel();
      const receivedAt = now().getTime();
      checks.push({
        id: 'graph-endpoint',
        label: 'Microsoft Graph reachable',
        ok: true,
        detail: `${discovery.graphOrigin} answered in ${receivedAt - sentAt} ms.`,
        whatToDo: [],
      });
      const serverDate = Date.parse(response.headers.get('date') ?? '');
      if (Number.isNaN(serverDate)) {
        checks.push({
          id: 'clock',
          label: 'Clock in step with Microsoft',
          ok: true,
          detail: 'Microsoft Graph sent no Date header; the clock could not be compared.',
          whatToDo: [],
        });
      } else {
        // The header has one-second resolution: compare against the middle of the request.
        const skew = serverDate - (sentAt + receivedAt) / 2;
        const ok = Math.abs(skew) <= CLOCK_TOLERANCE_MS;
        checks.push({
          id: 'clock',
          label: 'Clock in step with Microsoft',
          ok,
          detail: `This computer’s clock is ${Math.round(Math.abs(skew) / 1000)} s ${skew > 0 ? 'behind' : 'ahead of'} Microsoft’s.`,
          whatToDo: ok
            ? []
            : [
                'Set this computer’s date, time and time zone to update automatically, then run preflight again.',
              ],
        });
      }
    } catch (error) {
      checks.push({
        id: 'graph-endpoint',
        label: 'Microsoft Graph reachable',
        ok: false,
        detail: `${discovery.graphOrigin} did not answer: ${error instanceof Error ? error.message : String(error)}`,
        whatToDo: [
          'Check this computer’s internet connection and proxy.',
          'If the client’s network filters traffic, connect through another network.',
        ],
      });
    } finally {
      await http.close();
    }
  }

  const requested = record.input.profile.permissions.reduce(
    (sum, r) => sum + (r.delegated?.length ?? 0) + (r.application?.length ?? 0),
    0,
  );
  checks.push({
    id: 'profile',
    label: 'Permission profile valid',
    ok: requested > 0,
    detail: `${record.input.profile.name ?? record.input.profile.targetApp.displayName}: ${requested} permissions for ${record.input.profile.targetApp.displayName} (${record.input.profile.targetApp.appId}).`,
    whatToDo: requested > 0 ? [] : ['Pick or import a profile that lists at least one permission.'],
  });
  return checks;
};
