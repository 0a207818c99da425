import { refused } from '../../shared/bridge/errors';
import { roleGuard, tenantGuard } from '../../shared/onboarding/guards';
import type { GuardResult } from '../../shared/onboarding/run-entry';
import { readIdentity } from './read-identity';
import type { StepContext } from './run-environment';
import type { SignInSession } from './sign-in-session';

/**
 * Step 4, Confirm identity: reads the organization the administrator signed in to and the roles they hold, and
 * checks the guards, tenant first, then role (only for the right tenant). Nothing may be planned or written until
 * both pass.
 */
export const confirmIdentity = async (
  context: StepContext,
  session: SignInSession,
  sleep: (ms: number) => Promise<void>,
): Promise<void> => {
  context.progress('identity', 'Reading who signed in and their roles…');
  const { objectId, tenantId } = session.account;
  const facts = await readIdentity(session.sendBatch, objectId, tenantId, sleep);
  await context.append({
    type: 'identity-read',
    at: context.stamp(),
    organization: facts.organization,
    roles: facts.roles,
  });
  const record = context.record();
  if (record.discovery === null) throw refused('Discover the client’s tenant first.');
  const guards: GuardResult[] = [
    tenantGuard(record.discovery.tenantId, record.input.clientText, session.account, facts.organization),
  ];
  if (guards[0]?.passed === true) guards.push(roleGuard(session.account, facts.roles));
  for (const result of guards) await context.append({ type: 'guard', at: context.stamp(), result });
};
