import { afterEach, describe, expect, it } from 'vitest';
import {
  builtinScenario,
  builtinTenantIds,
  PRACTICE_PASSWORD,
} from '../../../src/main/practice-tenant/directory/builtin-scenario';
import { roleTemplates } from '../../../src/main/practice-tenant/directory/role-templates';
import { type Scenario, ScenarioSchema } from '../../../src/main/practice-tenant/directory/scenario';
import { stableId } from '../../../src/main/practice-tenant/directory/stable-id';
import { directoryState, directWrites, type Harness, signedInRun, startHarness } from './harness';

const PRA = roleTemplates.privilegedRoleAdministrator.id;

/** The built-in scenario with a Privileged Role Administrator (and no other role) in Adatum, already onboarded. */
const scenarioWithAdatumRoleAdmin = (): Scenario => {
  const scenario = builtinScenario();
  const id = stableId('adatum/user/roles');
  return ScenarioSchema.parse({
    ...scenario,
    tenants: scenario.tenants.map((t) =>
      t.id !== builtinTenantIds.adatum
        ? t
        : {
            ...t,
            users: [
              ...t.users,
              {
                id,
                userPrincipalName: 'roles@adatum.com',
                password: PRACTICE_PASSWORD,
                displayName: 'Grady Archie',
                description: 'Privileged Role Administrator',
              },
            ],
            roleAssignments: [
              ...t.roleAssignments,
              { id: stableId('adatum/role-assignment/roles'), principalId: id, roleDefinitionId: PRA },
            ],
          },
    ),
  });
};

describe('a Privileged Role Administrator cannot create enterprise applications', () => {
  let harness: Harness;
  afterEach(async () => {
    await harness?.close();
  });

  it('is blocked at Confirm identity, before any write, when the plan needs a new service principal', async () => {
    harness = await startHarness();
    // A tenant that no longer lets every user create service principals: Graph would answer 403.
    harness.practice.knobs.setTenant(builtinTenantIds.contoso, { usersCanCreateServicePrincipals: false });
    const before = directoryState(harness.practice);
    const run = await signedInRun(harness, 'contoso.com', 'roles@contoso.com');
    expect(run.record.guards.find((g) => g.guard === 'role')).toMatchObject({ passed: true });
    await run.plan();
    const role = run.record.guards.find((g) => g.guard === 'role');
    expect(role?.passed).toBe(false);
    expect(role?.message).toContain('a Privileged Role Administrator cannot');
    expect(role?.message).toContain('Pia');
    expect(role?.whatToDo.join(' ')).toContain('Global Administrator');
    expect(role?.whatToDo.join(' ')).toContain('Cloud Application Administrator');
    const requests = harness.practice.requestLog.entries.length;
    await expect(run.apply()).rejects.toThrow();
    expect(harness.practice.requestLog.entries.length).toBe(requests);
    expect(run.record.writes).toEqual([]);
    expect(directWrites(harness.practice)).toBe(0);
    expect(directoryState(harness.practice)).toBe(before);
    expect((await run.finish()).outcome).toBe('blocked');
  });

  it('passes, and grants, where every service principal the plan needs already exists', async () => {
    harness = await startHarness({ scenario: scenarioWithAdatumRoleAdmin() });
    harness.practice.knobs.setTenant(builtinTenantIds.adatum, { usersCanCreateServicePrincipals: false });
    const run = await signedInRun(harness, 'adatum.com', 'roles@adatum.com');
    await run.plan();
    expect(run.record.plan?.createServicePrincipals).toEqual([]);
    expect(run.record.guards.map((g) => [g.guard, g.passed])).toEqual([
      ['tenant', true],
      ['role', true],
      ['target-app', true],
    ]);
    await run.apply();
    expect(run.record.writes.length).toBeGreaterThan(0);
    expect(run.record.writes.every((w) => w.outcome === 'applied' || w.outcome === 'already-present')).toBe(
      true,
    );
  });
});
