import {
  type Fault,
  type FaultRule,
  type FaultRuleInput,
  FaultRuleSchema,
  type HostKind,
} from './fault-rule';
import { createRequestLog, type RequestLog } from './request-log';
import { defaultTenantKnobs, type TenantKnobs, TenantKnobsSchema } from './tenant-knobs';

/**
 * The realism settings of a running practice tenant: per-run latency and faults, per-tenant settings, and the
 * request log. Scenarios set the starting values; tests and the technician change them at run time.
 */
export interface Knobs {
  /** Delay added before every response, in milliseconds. */
  readonly latencyMs: number;
  setLatency(ms: number): void;
  /** The settings of a tenant (defaults for a tenant never configured). */
  tenant(tenantId: string): TenantKnobs;
  /** Changes some settings of a tenant, keeping the others. */
  setTenant(tenantId: string, settings: Partial<TenantKnobs>): void;
  /**
   * How many milliseconds the replica serving a tenant's next Graph read lags behind (0 without replicas). Replicas
   * serve reads in turn; setting `replicaLagSeconds` starts again from the first.
   */
  nextReplicaLagMs(tenantId: string): number;
  readonly faults: readonly FaultRule[];
  addFault(rule: FaultRuleInput): void;
  clearFaults(): void;
  /**
   * The fault for a request, if a rule matches it; consumes one of the rule's `times`.
   * `path` is the path without query string (for Graph, without `/v1.0`).
   */
  takeFault(host: HostKind, method: string, path: string): Fault | undefined;
  readonly requestLog: RequestLog;
}

/** Starting values of the knobs. */
export interface KnobsInit {
  readonly latencyMs?: number;
  readonly tenants?: Readonly<Record<string, Partial<TenantKnobs>>>;
  readonly faults?: readonly FaultRuleInput[];
}

/** Creates the knobs of a practice tenant. */
export const createKnobs = (init: KnobsInit = {}): Knobs => {
  let latencyMs = init.latencyMs ?? 0;
  const tenants = new Map<string, TenantKnobs>();
  // Tenant (lower case) → how many reads its replicas have served since they were set.
  const replicaTurns = new Map<string, number>();
  // Rules with the number of matches they may still affect (Infinity when unlimited).
  let faults: { rule: FaultRule; left: number }[] = [];
  const requestLog = createRequestLog();

  const knobs: Knobs = {
    get latencyMs() {
      return latencyMs;
    },
    setLatency(ms) {
      if (!Number.isFinite(ms) || ms < 0)
        throw new RangeError(`Latency must be a non-negative number: ${ms}`);
      latencyMs = ms;
    },
    tenant(tenantId) {
      return tenants.get(tenantId.toLowerCase()) ?? defaultTenantKnobs;
    },
    setTenant(tenantId, settings) {
      const key = tenantId.toLowerCase();
      tenants.set(key, TenantKnobsSchema.parse({ ...(tenants.get(key) ?? defaultTenantKnobs), ...settings }));
      if (settings.replicaLagSeconds !== undefined) replicaTurns.delete(key);
    },
    nextReplicaLagMs(tenantId) {
      const key = tenantId.toLowerCase();
      const lags = knobs.tenant(key).replicaLagSeconds;
      if (lags.length === 0) return 0;
      const turn = replicaTurns.get(key) ?? 0;
      replicaTurns.set(key, turn + 1);
      return (lags[turn % lags.length] ?? 0) * 1000;
    },
    get faults() {
      return faults.map((entry) => entry.rule);
    },
    addFault(input) {
      const rule = FaultRuleSchema.parse(input);
      // Fail early on a pattern that is not a regular expression rather than on the first request.
      new RegExp(rule.path);
      faults = [...faults, { rule, left: rule.times ?? Number.POSITIVE_INFINITY }];
    },
    clearFaults() {
      faults = [];
    },
    takeFault(host, method, path) {
      const match = faults.find(
        ({ rule, left }) =>
          left > 0 &&
          rule.host === host &&
          (rule.method === undefined || rule.method === method.toUpperCase()) &&
          new RegExp(rule.path).test(path),
      );
      if (match === undefined) return undefined;
      match.left -= 1;
      return match.rule.fault;
    },
    requestLog,
  };
  for (const [tenantId, settings] of Object.entries(init.tenants ?? {})) knobs.setTenant(tenantId, settings);
  for (const rule of init.faults ?? []) knobs.addFault(rule);
  return knobs;
};
