import type { PermissionProfile, RequestedPermission } from './permission-profile';
import { PERMISSION_TYPES } from './permission-type';

const INLINE_WIDTH = 110;

/** JSON with two-space indentation where each flat array item (a permission) stays on one line. */
const write = (value: unknown, indent: string, inArray: boolean): string => {
  if (value === null || typeof value !== 'object') return JSON.stringify(value);
  const inner = `${indent}  `;
  if (Array.isArray(value)) {
    if (value.length === 0) return '[]';
    return `[\n${value.map((item) => inner + write(item, inner, true)).join(',\n')}\n${indent}]`;
  }
  const fields = Object.entries(value).filter(([, v]) => v !== undefined);
  if (fields.length === 0) return '{}';
  const flat = fields.every(([, v]) => v === null || typeof v !== 'object');
  if (inArray && flat) {
    const line = `{ ${fields.map(([k, v]) => `${JSON.stringify(k)}: ${JSON.stringify(v)}`).join(', ')} }`;
    if (indent.length + line.length <= INLINE_WIDTH) return line;
  }
  return `{\n${fields.map(([k, v]) => `${inner}${JSON.stringify(k)}: ${write(v, inner, false)}`).join(',\n')}\n${indent}}`;
};

const entry = (permission: RequestedPermission): string | { name: string; description: string } =>
  permission.description === undefined
    ? permission.name
    : { name: permission.name, description: permission.description };

/**
 * Writes a profile as stable, pretty JSON: fields in a fixed order, two-space indentation, one permission per
 * line, a final newline. The same profile always gives the same text, so exports diff cleanly, and importing
 * the text gives the profile back.
 */
export const exportProfile = (profile: PermissionProfile): string => {
  const ordered = {
    schemaVersion: profile.schemaVersion,
    name: profile.name,
    targetApp: {
      displayName: profile.targetApp.displayName,
      appId: profile.targetApp.appId,
      adminConsentRedirectUri: profile.targetApp.adminConsentRedirectUri,
    },
    permissions: profile.permissions.map((resource) => ({
      resourceAppId: resource.resourceAppId,
      resourceDisplayName: resource.resourceDisplayName,
      ...Object.fromEntries(PERMISSION_TYPES.map((type) => [type, resource[type]?.map(entry)] as const)),
    })),
  };
  return `${write(ordered, '', false)}\n`;
};
