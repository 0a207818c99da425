import { readFile, writeFile } from 'node:fs/promises';
import type { Knobs } from '../knobs/knobs';
import type { Directory } from './directory';
import { type Scenario, ScenarioSchema } from './scenario';

/** Reads and validates a scenario from a JSON file. */
export const loadScenarioFile = async (path: string): Promise<Scenario> =>
  parseScenario(await readFile(path, 'utf8'));

/** Validates a scenario given as JSON text; throws a ZodError naming what is wrong. */
export const parseScenario = (json: string): Scenario => ScenarioSchema.parse(JSON.parse(json));

/** The current state of a running practice tenant as a scenario: directory contents plus the knobs' settings. */
export const scenarioOf = (directory: Directory, knobs: Knobs): Scenario => {
  const { applications, tenants } = directory.snapshot();
  return ScenarioSchema.parse({
    applications,
    tenants: tenants.map((tenant) => ({ ...tenant, knobs: knobs.tenant(tenant.id) })),
    latencyMs: knobs.latencyMs,
    faults: knobs.faults,
  });
};

/** Writes a scenario as JSON, so a rehearsal's state can be loaded again later. */
export const saveScenarioFile = async (path: string, scenario: Scenario): Promise<void> => {
  await writeFile(path, `${JSON.stringify(scenario, null, 2)}\n`, 'utf8');
};
