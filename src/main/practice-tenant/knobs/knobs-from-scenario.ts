import type { Scenario } from '../directory/scenario';
import { createKnobs, type Knobs } from './knobs';

/** Creates knobs with the scenario's latency, faults and per-tenant settings. */
export const knobsFromScenario = (scenario: Scenario, overrides: { latencyMs?: number } = {}): Knobs =>
  createKnobs({
    latencyMs: overrides.latencyMs ?? scenario.latencyMs,
    faults: scenario.faults,
    tenants: Object.fromEntries(
      scenario.tenants.flatMap((tenant) => (tenant.knobs === undefined ? [] : [[tenant.id, tenant.knobs]])),
    ),
  });
