import { afterEach, describe, expect, it } from 'vitest';
import { roleTemplates } from '../../../src/main/practice-tenant/directory/role-templates';
import { type Harness, signedInRun, startHarness } from './harness';

const GA = roleTemplates.globalAdministrator.id;
const PRA = roleTemplates.privilegedRoleAdministrator.id;

describe('the role check reads roles as Microsoft documents it', () => {
  let harness: Harness;
  afterEach(async () => {
    await harness?.close();
  });

  it('finds Global Administrator held through a role-assignable group, with the advanced query Graph requires', async () => {
    harness = await startHarness();
    const run = await signedInRun(harness, 'fabrikam.com', 'itadmin@fabrikam.com');
    expect(run.record.problems).toEqual([]);
    expect(run.record.roles).toContainEqual(
      expect.objectContaining({ roleTemplateId: GA, displayName: 'Global Administrator', state: 'active' }),
    );
    expect(run.record.guards.map((g) => [g.guard, g.passed])).toEqual([
      ['tenant', true],
      ['role', true],
    ]);
  });

  it('keeps going on PIM’s assignment instances when the membership read is refused', async () => {
    harness = await startHarness({ sleep: 'instant' });
    harness.practice.knobs.addFault({
      path: '^/me/transitiveMemberOf',
      fault: { kind: 'unavailable', retryAfterSeconds: 0 },
    });
    const run = await signedInRun(harness, 'contoso.com', 'roles@contoso.com');
    expect(run.record.problems).toEqual([]);
    expect(run.record.roles).toContainEqual(
      expect.objectContaining({
        roleTemplateId: PRA,
        displayName: 'Privileged Role Administrator',
        state: 'active',
      }),
    );
    expect(run.record.guards.find((g) => g.guard === 'role')?.passed).toBe(true);
  });
});
