import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { MICROSOFT_GRAPH_APP_ID } from '../../../../src/main/practice-tenant/catalog/first-party-apps';
import {
  builtinScenario,
  builtinTenantIds,
  builtinUserId,
  SIGN_IN_APP_ID,
} from '../../../../src/main/practice-tenant/directory/builtin-scenario';
import { Directory } from '../../../../src/main/practice-tenant/directory/directory';
import {
  loadScenarioFile,
  parseScenario,
  saveScenarioFile,
  scenarioOf,
} from '../../../../src/main/practice-tenant/directory/scenario-file';
import { knobsFromScenario } from '../../../../src/main/practice-tenant/knobs/knobs-from-scenario';

let folder: string | undefined;
afterEach(async () => {
  if (folder !== undefined) await rm(folder, { recursive: true, force: true });
});

describe('scenario files', () => {
  it('saves a changed tenant with its knobs and loads it back', async () => {
    folder = await mkdtemp(join(tmpdir(), 'practice-scenario-'));
    const file = join(folder, 'scenario.json');
    const scenario = builtinScenario();
    const directory = new Directory(scenario);
    const knobs = knobsFromScenario(scenario);
    directory.consentDelegated(builtinTenantIds.woodgrove, {
      clientAppId: SIGN_IN_APP_ID,
      resourceAppId: MICROSOFT_GRAPH_APP_ID,
      scopes: ['User.Read'],
      consentType: 'AllPrincipals',
    });
    knobs.setTenant(builtinTenantIds.woodgrove, { mfaRequired: true });
    knobs.addFault({
      path: '^/servicePrincipals',
      fault: { kind: 'throttle', retryAfterSeconds: 2 },
      times: 1,
    });
    await saveScenarioFile(file, scenarioOf(directory, knobs));

    const loaded = await loadScenarioFile(file);
    const again = new Directory(loaded);
    const loadedKnobs = knobsFromScenario(loaded);
    expect(
      again.grantedDelegatedScopes(
        builtinTenantIds.woodgrove,
        SIGN_IN_APP_ID,
        builtinUserId('woodgrove', 'admin'),
        MICROSOFT_GRAPH_APP_ID,
      ),
    ).toEqual(['User.Read']);
    expect(loadedKnobs.tenant(builtinTenantIds.woodgrove).mfaRequired).toBe(true);
    expect(loadedKnobs.takeFault('graph', 'GET', '/servicePrincipals')).toEqual({
      kind: 'throttle',
      retryAfterSeconds: 2,
    });
  });

  it('rejects a scenario whose user has no user principal name', () => {
    const scenario = builtinScenario();
    const broken = JSON.parse(JSON.stringify(scenario));
    broken.tenants[0].users[0].userPrincipalName = 'no-at-sign';
    expect(() => parseScenario(JSON.stringify(broken))).toThrow(/userPrincipalName/);
  });
});
