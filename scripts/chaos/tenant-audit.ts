import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { RunStore } from '../../src/main/onboarding/run-store';
import type { Directory } from '../../src/main/practice-tenant/directory/directory';
import { sha256Hex } from '../../src/main/report/sha256-hex';
import type { RunEntry, WriteIntent } from '../../src/shared/onboarding/run-entry';
import { checkReportDigest } from '../../src/shared/report/report-digest';

/** What a tenant held before a run: the objects a run's writes are told apart from. */
export interface TenantBaseline {
  readonly servicePrincipalIds: ReadonlySet<string>;
  /** Scopes of each delegated grant, by grant ID. */
  readonly grantScopes: ReadonlyMap<string, ReadonlySet<string>>;
  readonly assignmentIds: ReadonlySet<string>;
}

const scopesOf = (scope: string): Set<string> => new Set(scope.split(' ').filter((s) => s !== ''));

/** The tenant's objects as they are now (the directory's truth, replicated or not). */
export const tenantBaseline = (directory: Directory, tenantId: string): TenantBaseline => {
  const tenant = directory.tenant(tenantId);
  return {
    servicePrincipalIds: new Set(tenant.servicePrincipals.map((sp) => sp.id)),
    grantScopes: new Map(tenant.oauth2PermissionGrants.map((g) => [g.id, scopesOf(g.scope)])),
    assignmentIds: new Set(tenant.appRoleAssignments.map((a) => a.id)),
  };
};

/** Every `write-started` intent in the journals of a runs folder: what the tool says it may have written. */
export const journaledIntents = async (runs: RunStore): Promise<readonly WriteIntent[]> => {
  const stored = await runs.list();
  return stored.flatMap((run) =>
    run.entries.flatMap((entry: RunEntry) => (entry.type === 'write-started' ? [entry.intent] : [])),
  );
};

/**
 * Every change in the tenant since `baseline` that no journal announced before sending it: a service principal,
 * a delegated scope or an app role assignment the tool wrote without a trace. Empty when the journals hold every
 * write that reached the tenant.
 */
export const unjournaledChanges = (
  directory: Directory,
  tenantId: string,
  baseline: TenantBaseline,
  intents: readonly WriteIntent[],
): readonly string[] => {
  const tenant = directory.tenant(tenantId);
  const appIdOf = new Map(tenant.servicePrincipals.map((sp) => [sp.id, sp.appId]));
  const missing: string[] = [];
  for (const sp of tenant.servicePrincipals) {
    if (baseline.servicePrincipalIds.has(sp.id)) continue;
    if (!intents.some((i) => i.kind === 'create-service-principal' && i.appId === sp.appId))
      missing.push(`service principal of ${sp.appId}`);
  }
  for (const grant of tenant.oauth2PermissionGrants) {
    const before = baseline.grantScopes.get(grant.id) ?? new Set<string>();
    const resourceAppId = appIdOf.get(grant.resourceId);
    for (const scope of scopesOf(grant.scope)) {
      if (before.has(scope)) continue;
      const announced = intents.some(
        (i) =>
          (i.kind === 'create-grant' || i.kind === 'extend-grant') &&
          i.change.resourceAppId === resourceAppId &&
          i.change.addScopes.includes(scope),
      );
      if (!announced) missing.push(`delegated scope ${scope} in grant ${grant.id}`);
    }
  }
  for (const assignment of tenant.appRoleAssignments) {
    if (baseline.assignmentIds.has(assignment.id)) continue;
    const resourceAppId = appIdOf.get(assignment.resourceId);
    const announced = intents.some(
      (i) =>
        i.kind === 'assign-app-role' &&
        i.change.resourceAppId === resourceAppId &&
        i.change.appRoleId === assignment.appRoleId,
    );
    if (!announced) missing.push(`app role assignment ${assignment.appRoleId}`);
  }
  return missing;
};

/**
 * How many of the tenant's objects were created or changed since `baseline`: new service principals and app role
 * assignments, and delegated grants that are new or hold a scope they did not.
 */
export const objectsWrittenSince = (
  directory: Directory,
  tenantId: string,
  baseline: TenantBaseline,
): number => {
  const tenant = directory.tenant(tenantId);
  const grants = tenant.oauth2PermissionGrants.filter((grant) => {
    const before = baseline.grantScopes.get(grant.id);
    return before === undefined || [...scopesOf(grant.scope)].some((scope) => !before.has(scope));
  });
  return (
    tenant.servicePrincipals.filter((sp) => !baseline.servicePrincipalIds.has(sp.id)).length +
    grants.length +
    tenant.appRoleAssignments.filter((a) => !baseline.assignmentIds.has(a.id)).length
  );
};

/**
 * Duplicates the tool must never leave: more than one service principal of the target app, more than one tenant-wide
 * delegated grant per resource, the same app role assigned twice.
 */
export const duplicateGrants = (
  directory: Directory,
  tenantId: string,
  targetAppId: string,
): readonly string[] => {
  const tenant = directory.tenant(tenantId);
  const problems: string[] = [];
  const targets = tenant.servicePrincipals.filter((sp) => sp.appId === targetAppId);
  if (targets.length !== 1) problems.push(`${targets.length} service principals of the target app`);
  const perResource = new Map<string, number>();
  for (const grant of tenant.oauth2PermissionGrants) {
    if (grant.consentType !== 'AllPrincipals') continue;
    const key = `${grant.clientId}→${grant.resourceId}`;
    perResource.set(key, (perResource.get(key) ?? 0) + 1);
  }
  for (const [key, count] of perResource)
    if (count > 1) problems.push(`${count} tenant-wide grants for ${key}`);
  const assignments = new Map<string, number>();
  for (const a of tenant.appRoleAssignments) {
    const key = `${a.principalId}→${a.resourceId}:${a.appRoleId}`;
    assignments.set(key, (assignments.get(key) ?? 0) + 1);
  }
  for (const [key, count] of assignments)
    if (count > 1) problems.push(`app role assigned ${count} times: ${key}`);
  return problems;
};

/** Damage in the run files: lines that are not entries, or a torn last line left behind. */
export const damagedRunFiles = async (runs: RunStore): Promise<readonly string[]> => {
  const stored = await runs.list();
  const names = (await readdir(runs.directory).catch(() => [] as string[])).filter((name) =>
    name.endsWith('.jsonl'),
  );
  const problems: string[] = [];
  if (stored.length !== names.length)
    problems.push(`${names.length - stored.length} run file(s) unreadable as runs`);
  for (const run of stored) {
    if (run.tornTail) problems.push(`run ${run.record.runId}: torn last line`);
    for (const p of run.problems) problems.push(`run ${run.record.runId} line ${p.line}: ${p.reason}`);
  }
  for (const name of names) {
    const text = await readFile(join(runs.directory, name), 'utf8');
    // No token ever reaches the journal: a JSON Web Token has this shape.
    if (/eyJ[A-Za-z0-9_-]{10,}\.[A-Za-z0-9_-]{10,}/.test(text)) problems.push(`${name} holds a token`);
  }
  return problems;
};

/** Report files in a folder that do not parse or whose digest does not verify (temp files of a killed save aside). */
export const damagedReports = async (directory: string): Promise<readonly string[]> => {
  const names = await readdir(directory).catch(() => [] as string[]);
  const problems: string[] = [];
  for (const name of names.filter((n) => n.endsWith('.json') && !n.startsWith('.'))) {
    try {
      const check = await checkReportDigest(
        JSON.parse(await readFile(join(directory, name), 'utf8')),
        sha256Hex,
      );
      if (!check.valid) problems.push(`${name}: digest does not verify`);
    } catch (error) {
      problems.push(`${name}: ${error instanceof Error ? error.message : String(error)}`);
    }
  }
  for (const name of names.filter((n) => !n.startsWith('.'))) {
    const text = await readFile(join(directory, name)).catch(() => null);
    if (text === null || text.length === 0) problems.push(`${name}: empty`);
  }
  return problems;
};
