import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Agent } from 'undici';
import { afterEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import {
  builtinScenario,
  builtinTenantIds,
} from '../../../src/main/practice-tenant/directory/builtin-scenario';
import { saveScenarioFile } from '../../../src/main/practice-tenant/directory/scenario-file';

// `npm run practice-tenant` as the issue specifies it: exactly one JSON line on stdout with these fields, then it
// serves until killed. npm itself prints a banner ("> pia-onboarding@… practice-tenant") on stdout before the script
// runs unless it is silent, so the command is run as `npm run --silent practice-tenant` (or `npm run -s …`).

const root = fileURLToPath(new URL('../../../', import.meta.url));

/** The summary line, exactly: no field more, none less. */
const SummarySchema = z.strictObject({
  authority: z.string().regex(/^https:\/\/127\.0\.0\.1:\d+$/),
  graph: z.string().regex(/^https:\/\/127\.0\.0\.1:\d+$/),
  certificate: z.string().startsWith('-----BEGIN CERTIFICATE-----'),
  tenants: z.array(
    z.strictObject({
      id: z.guid(),
      displayName: z.string().min(1),
      domains: z.array(z.string().min(3)).min(1),
    }),
  ),
  accounts: z.array(
    z.strictObject({
      upn: z.string().includes('@'),
      password: z.string().min(1),
      tenantId: z.guid(),
      description: z.string().min(1),
    }),
  ),
  apps: z.array(
    z.strictObject({ appId: z.guid(), displayName: z.string().min(1), role: z.enum(['sign-in', 'target']) }),
  ),
});

let child: ChildProcess | undefined;
let folder: string | undefined;

afterEach(async () => {
  if (child?.pid !== undefined && child.exitCode === null && child.signalCode === null) {
    const exited = once(child, 'exit');
    // npm runs the script in a shell of its own: stop the whole process group this test started.
    process.kill(-child.pid, 'SIGTERM');
    await exited;
  }
  child = undefined;
  if (folder !== undefined) await rm(folder, { recursive: true, force: true });
  folder = undefined;
});

/** Runs the command and resolves with everything it printed on stdout up to its first newline, and a bit after. */
const runCommand = async (args: readonly string[] = []): Promise<string> => {
  child = spawn('npm', ['run', '--silent', 'practice-tenant', ...(args.length > 0 ? ['--', ...args] : [])], {
    cwd: root,
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true,
  });
  let stdout = '';
  child.stdout?.setEncoding('utf8');
  child.stdout?.on('data', (chunk: string) => {
    stdout += chunk;
  });
  await expect.poll(() => stdout.includes('\n'), { timeout: 30_000, interval: 100 }).toBe(true);
  // Anything printed right after the line would show up here.
  await new Promise((resolve) => setTimeout(resolve, 300));
  return stdout;
};

describe('npm run practice-tenant', () => {
  it('prints exactly one JSON line with the specified fields, and serves both hosts with the printed certificate', async () => {
    const stdout = await runCommand();
    expect(stdout.endsWith('\n')).toBe(true);
    expect(stdout.split('\n')).toHaveLength(2);
    const summary = SummarySchema.parse(JSON.parse(stdout));

    expect(summary.tenants.map((t) => t.id).sort()).toEqual(Object.values(builtinTenantIds).sort());
    expect(summary.tenants.find((t) => t.id === builtinTenantIds.contoso)?.domains).toContain('contoso.com');
    expect(summary.accounts.map((a) => a.description)).toEqual(
      expect.arrayContaining([
        'Global Administrator',
        'Privileged Role Administrator',
        'helpdesk user with no admin role',
        'eligible for Global Administrator through PIM, not active',
      ]),
    );
    for (const account of summary.accounts) {
      expect(summary.tenants.some((t) => t.id === account.tenantId)).toBe(true);
    }
    expect(summary.apps.map((a) => a.role).sort()).toEqual(['sign-in', 'target']);

    const dispatcher = new Agent({ connect: { ca: summary.certificate } });
    try {
      const discovery = await fetch(
        `${summary.authority}/contoso.com/v2.0/.well-known/openid-configuration`,
        {
          dispatcher,
        } as RequestInit,
      );
      expect(discovery.status).toBe(200);
      expect(((await discovery.json()) as { issuer: string }).issuer).toBe(
        `${summary.authority}/${builtinTenantIds.contoso}/v2.0`,
      );
      const graph = await fetch(`${summary.graph}/v1.0/organization`, { dispatcher } as RequestInit);
      expect(graph.status).toBe(401);
    } finally {
      await dispatcher.close();
    }
  });

  it('serves a saved scenario given with --scenario', async () => {
    folder = await mkdtemp(join(tmpdir(), 'practice-command-'));
    const file = join(folder, 'scenario.json');
    const scenario = builtinScenario();
    await saveScenarioFile(file, {
      ...scenario,
      tenants: scenario.tenants.filter((t) => t.id === builtinTenantIds.fabrikam),
    });
    const summary = SummarySchema.parse(JSON.parse(await runCommand(['--scenario', file])));
    expect(summary.tenants).toEqual([
      {
        id: builtinTenantIds.fabrikam,
        displayName: 'Fabrikam',
        domains: ['fabrikam.com', 'fabrikam.onmicrosoft.com', 'fabrikamfiber.com'],
      },
    ]);
    expect(summary.accounts.map((a) => a.upn)).toEqual(['admin@fabrikam.com', 'itadmin@fabrikam.com']);
  });
});
