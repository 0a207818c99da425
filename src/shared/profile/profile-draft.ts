import { MICROSOFT_GRAPH_APP_ID, MICROSOFT_GRAPH_DISPLAY_NAME } from '../cloud/microsoft-graph';
import { formatJsonPath } from './import-profile';
import {
  type PermissionProfile,
  PermissionProfileSchema,
  PROFILE_SCHEMA_VERSION,
  type RequestedPermission,
} from './permission-profile';
import { PERMISSION_TYPES, type PermissionType } from './permission-type';

/** One resource of a profile as the editor holds it: lists may be empty while the technician works. */
export interface ResourceDraft {
  readonly resourceAppId: string;
  readonly resourceDisplayName: string;
  readonly delegated: readonly RequestedPermission[];
  readonly application: readonly RequestedPermission[];
}

/** A profile as the editor holds it: every field as typed, nothing checked yet. */
export interface ProfileDraft {
  readonly name: string;
  readonly displayName: string;
  readonly appId: string;
  /** Empty when the admin-consent page is not offered. */
  readonly adminConsentRedirectUri: string;
  readonly resources: readonly ResourceDraft[];
}

/** One problem of a draft: the field it concerns (as import names it, `permissions[0].delegated[3]`) and what. */
export interface DraftIssue {
  readonly path: string;
  readonly message: string;
}

/** A profile's draft, to edit it (or to start a new one from it). */
export const draftFromProfile = (profile: PermissionProfile): ProfileDraft => ({
  name: profile.name ?? '',
  displayName: profile.targetApp.displayName,
  appId: profile.targetApp.appId,
  adminConsentRedirectUri: profile.targetApp.adminConsentRedirectUri ?? '',
  resources: profile.permissions.map((resource) => ({
    resourceAppId: resource.resourceAppId,
    resourceDisplayName: resource.resourceDisplayName,
    delegated: resource.delegated ?? [],
    application: resource.application ?? [],
  })),
});

/** An empty draft: Microsoft Graph as the one resource, nothing requested yet. */
export const emptyDraft = (): ProfileDraft => ({
  name: '',
  displayName: '',
  appId: '',
  adminConsentRedirectUri: '',
  resources: [
    {
      resourceAppId: MICROSOFT_GRAPH_APP_ID,
      resourceDisplayName: MICROSOFT_GRAPH_DISPLAY_NAME,
      delegated: [],
      application: [],
    },
  ],
});

const listOrNothing = (list: readonly RequestedPermission[]): readonly RequestedPermission[] | undefined =>
  list.length === 0 ? undefined : list;

/**
 * The profile a draft makes, checked by the same schema an imported file is: the profile, or every problem with
 * the field it concerns. An empty name or redirect URI is left out (the target app's name is then the profile's);
 * an empty list of one type is left out too.
 */
export const profileFromDraft = (
  draft: ProfileDraft,
):
  | { readonly ok: true; readonly profile: PermissionProfile }
  | { readonly ok: false; readonly issues: readonly DraftIssue[] } => {
  const candidate = {
    schemaVersion: PROFILE_SCHEMA_VERSION,
    name: draft.name.trim() === '' ? undefined : draft.name,
    targetApp: {
      displayName: draft.displayName,
      appId: draft.appId.trim().toLowerCase(),
      adminConsentRedirectUri:
        draft.adminConsentRedirectUri.trim() === '' ? undefined : draft.adminConsentRedirectUri,
    },
    permissions: draft.resources.map((resource) => ({
      resourceAppId: resource.resourceAppId.trim().toLowerCase(),
      resourceDisplayName: resource.resourceDisplayName,
      delegated: listOrNothing(resource.delegated),
      application: listOrNothing(resource.application),
    })),
  };
  const parsed = PermissionProfileSchema.safeParse(candidate);
  if (parsed.success) return { ok: true, profile: parsed.data };
  return {
    ok: false,
    issues: parsed.error.issues.map((issue) => ({
      path: formatJsonPath(issue.path),
      message: issue.message.replace(/^Invalid input: /, ''),
    })),
  };
};

/** The draft with one list of one resource replaced by what `change` makes of it. */
const changeList = (
  draft: ProfileDraft,
  resourceIndex: number,
  type: PermissionType,
  change: (list: readonly RequestedPermission[]) => readonly RequestedPermission[],
): ProfileDraft => ({
  ...draft,
  resources: draft.resources.map((resource, index) =>
    index === resourceIndex ? { ...resource, [type]: change(resource[type]) } : resource,
  ),
});

const withEntry = (
  list: readonly RequestedPermission[],
  entry: RequestedPermission,
): readonly RequestedPermission[] =>
  list.some((p) => p.name.toLowerCase() === entry.name.toLowerCase()) ? list : [...list, entry];

/** The draft with one permission added to a resource's list of a type (nothing changes if it is listed already). */
export const addPermission = (
  draft: ProfileDraft,
  resourceIndex: number,
  type: PermissionType,
  name: string,
): ProfileDraft => changeList(draft, resourceIndex, type, (list) => withEntry(list, { name }));

/** The draft without one permission of a resource's list of a type. */
export const removePermission = (
  draft: ProfileDraft,
  resourceIndex: number,
  type: PermissionType,
  name: string,
): ProfileDraft => changeList(draft, resourceIndex, type, (list) => list.filter((p) => p.name !== name));

/**
 * The draft with a permission moved to the other type's list of the same resource ("use the application one"),
 * its description kept.
 */
export const movePermission = (
  draft: ProfileDraft,
  resourceIndex: number,
  from: PermissionType,
  name: string,
): ProfileDraft => {
  const to = PERMISSION_TYPES.find((type) => type !== from) ?? from;
  const moved = draft.resources[resourceIndex]?.[from].find((p) => p.name === name);
  if (moved === undefined) return draft;
  return changeList(removePermission(draft, resourceIndex, from, name), resourceIndex, to, (list) =>
    withEntry(list, moved),
  );
};
