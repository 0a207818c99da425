/**
 * Generates the practice tenant's Microsoft Graph permission catalog from the permission reference.
 *
 * Usage (from the repository root): `npx tsx scripts/generate-graph-catalog.ts [reference-folder]`
 * The reference folder holds GraphAppRoles.json and GraphDelegateRoles.json (default: ../shared/data/graph). The
 * output keeps only facts (ID, value, type, admin-consent flag, enabled flag), never Microsoft's display names or
 * descriptions, and is written to src/main/practice-tenant/catalog/microsoft-graph.json, which is committed: the
 * practice tenant never reads the reference folder at run time.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';

const root = fileURLToPath(new URL('../', import.meta.url));
const source = resolve(root, process.argv[2] ?? '../shared/data/graph');
const target = resolve(root, 'src/main/practice-tenant/catalog/microsoft-graph.json');

const AppRoleFactSchema = z.object({
  Id: z.guid(),
  Value: z.string().min(1),
  IsEnabled: z.boolean(),
  AllowedMemberTypes: z.array(z.enum(['User', 'Application'])),
});
const DelegatedFactSchema = z.object({
  Id: z.guid(),
  Value: z.string().min(1),
  IsEnabled: z.boolean(),
  Type: z.enum(['Admin', 'User']),
});

const read = <T>(file: string, schema: z.ZodType<T>): readonly T[] =>
  z.array(schema).parse(JSON.parse(readFileSync(resolve(source, file), 'utf8')));

const byValue = (a: { value: string; id: string }, b: { value: string; id: string }): number =>
  a.value.localeCompare(b.value, 'en') || a.id.localeCompare(b.id, 'en');

const appRoles = read('GraphAppRoles.json', AppRoleFactSchema)
  .map((role) => ({
    id: role.Id,
    value: role.Value,
    type: 'application' as const,
    // Application permissions always need an administrator's consent.
    adminConsentRequired: true,
    isEnabled: role.IsEnabled,
    allowedMemberTypes: role.AllowedMemberTypes,
  }))
  .sort(byValue);
const scopes = read('GraphDelegateRoles.json', DelegatedFactSchema)
  .map((scope) => ({
    id: scope.Id,
    value: scope.Value,
    type: 'delegated' as const,
    adminConsentRequired: scope.Type === 'Admin',
    isEnabled: scope.IsEnabled,
  }))
  .sort(byValue);

const catalog = {
  resource: 'Microsoft Graph',
  appId: '00000003-0000-0000-c000-000000000000',
  generatedBy: 'scripts/generate-graph-catalog.ts',
  permissions: [...scopes, ...appRoles],
};
// One permission per line keeps the committed file small and its diffs readable.
const lines = catalog.permissions.map((permission) => `    ${JSON.stringify(permission)}`).join(',\n');
const head = JSON.stringify({ ...catalog, permissions: [] }, null, 2).replace(
  '"permissions": []',
  `"permissions": [\n${lines}\n  ]`,
);
writeFileSync(target, `${head}\n`);
console.log(`Wrote ${scopes.length} delegated and ${appRoles.length} application permissions to ${target}`);
