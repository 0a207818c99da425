import {
  Button,
  Field,
  Input,
  MessageBar,
  MessageBarBody,
  makeStyles,
  Text,
  tokens,
  typographyStyles,
} from '@fluentui/react-components';
import { Add20Regular, Delete20Regular } from '@fluentui/react-icons';
import { type ReactElement, useEffect, useRef, useState } from 'react';
import type { BridgeApi } from '../../shared/bridge/contract';
import { exportProfile } from '../../shared/profile/export-profile';
import type { PermissionCatalog } from '../../shared/profile/permission-catalog';
import { profileName } from '../../shared/profile/permission-profile';
import { PERMISSION_TYPES } from '../../shared/profile/permission-type';
import {
  addPermission,
  type DraftIssue,
  movePermission,
  type ProfileDraft,
  profileFromDraft,
  removePermission,
} from '../../shared/profile/profile-draft';
import { useBridgeLoad } from '../bridge/use-bridge-load';
import { refusalMessage } from '../run/run-session';
import { PermissionListEditor } from './permission-list-editor';
import { ProfileExistsBar, ProfileProblemsBar } from './profile-save-bars';

const useStyles = makeStyles({
  root: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalM },
  // Focus lands here only by script, to start reading at the editor; a heading is not a control.
  heading: { ...typographyStyles.subtitle2, margin: 0, outline: 'none' },
  fields: {
    display: 'grid',
    gridTemplateColumns: 'repeat(auto-fit, minmax(18rem, 1fr))',
    gap: tokens.spacingHorizontalL,
  },
  resource: {
    display: 'flex',
    flexDirection: 'column',
    gap: tokens.spacingVerticalM,
    padding: tokens.spacingHorizontalM,
    border: `1px solid ${tokens.colorNeutralStroke2}`,
    borderRadius: tokens.borderRadiusMedium,
  },
  row: { display: 'flex', gap: tokens.spacingHorizontalS, flexWrap: 'wrap', alignItems: 'flex-end' },
});

type SaveStatus =
  | { readonly kind: 'idle' }
  | { readonly kind: 'saving' }
  | { readonly kind: 'invalid'; readonly issues: readonly DraftIssue[] }
  | { readonly kind: 'exists'; readonly existingName: string }
  | { readonly kind: 'failed'; readonly message: string };

const FIELD_LABELS: Readonly<Record<string, string>> = {
  name: 'Profile name',
  'targetApp.displayName': 'App display name',
  'targetApp.appId': 'Application (client) ID',
  'targetApp.adminConsentRedirectUri': 'Admin-consent redirect URI',
};

/** A problem of the draft in words a technician reads: the field by its label, then what is wrong. */
const issueText = (issue: DraftIssue, draft: ProfileDraft): string => {
  const label = FIELD_LABELS[issue.path];
  if (label !== undefined) return `${label}: ${issue.message}`;
  const resource = /^permissions\[(\d+)\]/.exec(issue.path);
  const name = resource === null ? undefined : draft.resources[Number(resource[1])]?.resourceDisplayName;
  return `${name === undefined || name === '' ? 'Profile' : name}: ${issue.message}`;
};

const messageFor = (issues: readonly DraftIssue[], path: string): string | undefined =>
  issues.find((issue) => issue.path === path)?.message;

/**
 * The profile editor: a profile's name, its target app and its permissions per resource, without JSON. Names are
 * suggested from the app's permission catalog and checked against it as they are added (a delegated name that
 * Microsoft publishes only as an application permission is flagged, with the way to move it). Saving goes through
 * the same import as a pasted file, so the store, its checks and its atomic write are the same.
 */
export const ProfileEditor = ({
  bridge,
  start,
  title,
  editingAppId,
  existingNames,
  onSaved,
  onCancel,
}: {
  readonly bridge: BridgeApi;
  readonly start: ProfileDraft;
  /** "New profile" or "Edit …". */
  readonly title: string;
  /** The application ID of the saved profile being edited (saving it again replaces it); null for a new one. */
  readonly editingAppId: string | null;
  /** Saved profiles' names by target app ID, to name the profile a save would replace. */
  readonly existingNames: ReadonlyMap<string, string>;
  readonly onSaved: (message: string) => void;
  readonly onCancel: () => void;
}): ReactElement => {
  const styles = useStyles();
  const [draft, setDraft] = useState(start);
  const [catalog, setCatalog] = useState<PermissionCatalog>({ resources: [] });
  const [catalogError, setCatalogError] = useState<string | null>(null);
  const [status, setStatus] = useState<SaveStatus>({ kind: 'idle' });
  const [tried, setTried] = useState(false);
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => heading.current?.focus(), []);

  useBridgeLoad(
    () => bridge.profiles.catalog({}),
    setCatalog,
    (error) => setCatalogError(refusalMessage(error)),
    [bridge],
  );

  const checked = profileFromDraft(draft);
  const issues = tried && !checked.ok ? checked.issues : [];
  const field = (path: string) => {
    const message = messageFor(issues, path);
    return message === undefined ? {} : { validationState: 'error' as const, validationMessage: message };
  };
  const change = (next: Partial<ProfileDraft>): void => {
    setDraft((current) => ({ ...current, ...next }));
    if (status.kind !== 'saving') setStatus({ kind: 'idle' });
  };

  const save = async (replace: boolean): Promise<void> => {
    setTried(true);
    if (!checked.ok) {
      setStatus({ kind: 'invalid', issues: checked.issues });
      return;
    }
    setStatus({ kind: 'saving' });
    try {
      const result = await bridge.profiles.import({
        text: exportProfile(checked.profile),
        replace: replace || checked.profile.targetApp.appId === editingAppId,
      });
      switch (result.kind) {
        case 'saved':
          onSaved(`${result.replaced ? 'Replaced' : 'Saved'} ${profileName(result.profile.profile)}.`);
          return;
        case 'invalid':
          setStatus({ kind: 'invalid', issues: result.issues });
          return;
        case 'exists':
          setStatus({
            kind: 'exists',
            existingName:
              existingNames.get(checked.profile.targetApp.appId) ?? checked.profile.targetApp.displayName,
          });
          return;
      }
    } catch (error) {
      setStatus({ kind: 'failed', message: refusalMessage(error) });
    }
  };

  const updateResource = (index: number, next: Partial<ProfileDraft['resources'][number]>): void =>
    change({ resources: draft.resources.map((r, i) => (i === index ? { ...r, ...next } : r)) });

  return (
    <section className={styles.root} aria-label={title} data-profile-editor="">
      <h3 ref={heading} tabIndex={-1} className={styles.heading}>
        {title}
      </h3>
      <Text>
        Which app gets which permissions. Names are checked against Microsoft Graph’s published permissions as
        you add them; the whole profile is checked as an imported file is when you save.
      </Text>
      {catalogError !== null && (
        <MessageBar intent="warning">
          <MessageBarBody>{`Suggestions are not available: ${catalogError}`}</MessageBarBody>
        </MessageBar>
      )}
      <div className={styles.fields}>
        <Field
          label="Profile name"
          hint="How technicians pick it on the Client step; the app’s name when empty."
          {...field('name')}
        >
          <Input value={draft.name} onChange={(_, data) => change({ name: data.value })} />
        </Field>
        <Field
          label="App display name"
          required
          hint="As the client’s administrator sees it in Enterprise applications."
          {...field('targetApp.displayName')}
        >
          <Input value={draft.displayName} onChange={(_, data) => change({ displayName: data.value })} />
        </Field>
        <Field
          label="Application (client) ID"
          required
          hint="From the app registration’s overview page in your MSP’s tenant."
          {...field('targetApp.appId')}
        >
          <Input
            value={draft.appId}
            onChange={(_, data) => change({ appId: data.value })}
            spellCheck={false}
          />
        </Field>
        <Field
          label="Admin-consent redirect URI"
          hint="One of the app’s registered redirect URIs; leave empty to offer the direct grant only."
          {...field('targetApp.adminConsentRedirectUri')}
        >
          <Input
            value={draft.adminConsentRedirectUri}
            onChange={(_, data) => change({ adminConsentRedirectUri: data.value })}
            spellCheck={false}
          />
        </Field>
      </div>
      {draft.resources.map((resource, index) => {
        const name =
          resource.resourceDisplayName === '' ? `Resource ${index + 1}` : resource.resourceDisplayName;
        return (
          <section
            // biome-ignore lint/suspicious/noArrayIndexKey: resources are edited in place; their app ID may be empty or change.
            key={index}
            className={styles.resource}
            aria-label={`Permissions of ${name}`}
          >
            <div className={styles.row}>
              <Field label="Resource name" required {...field(`permissions[${index}].resourceDisplayName`)}>
                <Input
                  value={resource.resourceDisplayName}
                  onChange={(_, data) => updateResource(index, { resourceDisplayName: data.value })}
                />
              </Field>
              <Field
                label="Resource application ID"
                required
                {...field(`permissions[${index}].resourceAppId`)}
              >
                <Input
                  value={resource.resourceAppId}
                  onChange={(_, data) => updateResource(index, { resourceAppId: data.value })}
                  spellCheck={false}
                />
              </Field>
              <Button
                icon={<Delete20Regular />}
                aria-label={`Remove the resource ${name}`}
                disabled={draft.resources.length === 1}
                onClick={() => change({ resources: draft.resources.filter((_, i) => i !== index) })}
              >
                Remove resource
              </Button>
            </div>
            {PERMISSION_TYPES.map((type) => (
              <PermissionListEditor
                key={type}
                catalog={catalog}
                resourceAppId={resource.resourceAppId}
                resourceName={name}
                type={type}
                permissions={resource[type]}
                onAdd={(permission) =>
                  change({ resources: addPermission(draft, index, type, permission).resources })
                }
                onRemove={(permission) =>
                  change({ resources: removePermission(draft, index, type, permission).resources })
                }
                onMove={(permission) =>
                  change({ resources: movePermission(draft, index, type, permission).resources })
                }
              />
            ))}
          </section>
        );
      })}
      <div className={styles.row}>
        <Button
          icon={<Add20Regular />}
          onClick={() =>
            change({
              resources: [
                ...draft.resources,
                { resourceAppId: '', resourceDisplayName: '', delegated: [], application: [] },
              ],
            })
          }
        >
          Add a resource
        </Button>
      </div>
      {status.kind === 'invalid' && (
        <ProfileProblemsBar
          title="The profile was not saved"
          retry="save"
          problems={status.issues.map((issue) => issueText(issue, draft))}
        />
      )}
      {status.kind === 'exists' && (
        <ProfileExistsBar
          appName={draft.displayName.trim()}
          existingName={status.existingName}
          replacement="this one"
          onReplace={() => void save(true)}
          onKeep={() => setStatus({ kind: 'idle' })}
        />
      )}
      {status.kind === 'failed' && (
        <MessageBar intent="error">
          <MessageBarBody>{status.message}</MessageBarBody>
        </MessageBar>
      )}
      <div className={styles.row}>
        <Button appearance="primary" disabled={status.kind === 'saving'} onClick={() => void save(false)}>
          Save profile
        </Button>
        <Button onClick={onCancel}>Cancel</Button>
      </div>
    </section>
  );
};
