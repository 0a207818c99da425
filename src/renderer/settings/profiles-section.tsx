import {
  Badge,
  Button,
  Field,
  MessageBar,
  MessageBarBody,
  makeStyles,
  Subtitle2,
  Table,
  TableBody,
  TableCell,
  TableRow,
  Textarea,
  tokens,
} from '@fluentui/react-components';
import {
  Add20Regular,
  ArrowDownload20Regular,
  ArrowUpload20Regular,
  Edit20Regular,
} from '@fluentui/react-icons';
import { type ChangeEvent, type ReactElement, useCallback, useEffect, useId, useRef, useState } from 'react';
import type { BridgeApi } from '../../shared/bridge/contract';
import { formatProfileImportIssue, type ProfileImportIssue } from '../../shared/profile/import-profile';
import { countPermissions, profileName } from '../../shared/profile/permission-profile';
import { draftFromProfile, emptyDraft, type ProfileDraft } from '../../shared/profile/profile-draft';
import { AnnouncedText } from '../announce/announced-text';
import { TableHead } from '../app/table-head';
import { base64Bytes, downloadFile } from '../report/download';
import { refusalMessage } from '../run/run-session';
import { MovedAsideBar } from './moved-aside-bar';
import { ProfileEditor } from './profile-editor';
import { ProfileExistsBar, ProfileProblemsBar } from './profile-save-bars';
import { type ProfileEntry, ProfileView } from './profile-view';
import { RemoveProfileButton } from './remove-profile-button';

const useStyles = makeStyles({
  root: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalM },
  row: { display: 'flex', gap: tokens.spacingHorizontalS, flexWrap: 'wrap', alignItems: 'center' },
  code: { fontFamily: tokens.fontFamilyMonospace, fontSize: tokens.fontSizeBase200 },
  text: { fontFamily: tokens.fontFamilyMonospace, minHeight: '10rem' },
  fileInput: { display: 'none' },
});

/** What the editor is open on: a new profile (from the built-in one or empty), or a saved one. */
interface Editing {
  readonly title: string;
  readonly start: ProfileDraft;
  readonly editingAppId: string | null;
}

type ImportStatus =
  | { readonly kind: 'idle' }
  | { readonly kind: 'saved'; readonly message: string }
  | { readonly kind: 'invalid'; readonly issues: readonly ProfileImportIssue[] }
  | { readonly kind: 'exists'; readonly existingId: string; readonly appName: string }
  | { readonly kind: 'failed'; readonly message: string };

/**
 * Permission profiles: the built-in one and those saved, each to view, edit, export or remove (asked first); a new
 * one made in the editor (from the built-in profile or empty) or imported by pasting the text or choosing a file,
 * with every problem named by field, line and column.
 */
export const ProfilesSection = ({ bridge }: { readonly bridge: BridgeApi }): ReactElement => {
  const styles = useStyles();
  const [profiles, setProfiles] = useState<readonly ProfileEntry[]>([]);
  const [movedAside, setMovedAside] = useState<readonly string[]>([]);
  const [text, setText] = useState('');
  const [status, setStatus] = useState<ImportStatus>({ kind: 'idle' });
  const [message, setMessage] = useState<string | null>(null);
  const [editing, setEditing] = useState<Editing | null>(null);
  const fileInput = useRef<HTMLInputElement>(null);
  const headingId = useId();

  const load = useCallback(async () => {
    try {
      const listing = await bridge.profiles.list({});
      setProfiles(listing.profiles);
      setMovedAside(listing.movedAside);
    } catch (error) {
      setMessage(refusalMessage(error));
    }
  }, [bridge]);
  useEffect(() => {
    void load();
  }, [load]);

  const importText = async (replace: boolean): Promise<void> => {
    try {
      const result = await bridge.profiles.import({ text, replace });
      switch (result.kind) {
        case 'saved':
          setStatus({
            kind: 'saved',
            message: `${result.replaced ? 'Replaced' : 'Imported'} ${profileName(result.profile.profile)}.`,
          });
          setText('');
          await load();
          return;
        case 'invalid':
          setStatus({ kind: 'invalid', issues: result.issues });
          return;
        case 'exists':
          setStatus({
            kind: 'exists',
            existingId: result.existingId,
            appName:
              profiles.find((p) => p.id === result.existingId)?.profile.targetApp.displayName ?? 'this app',
          });
          return;
      }
    } catch (error) {
      setStatus({ kind: 'failed', message: refusalMessage(error) });
    }
  };

  const chooseFile = async (event: ChangeEvent<HTMLInputElement>): Promise<void> => {
    const file = event.target.files?.[0];
    event.target.value = '';
    if (file === undefined) return;
    setText(await file.text());
    setStatus({ kind: 'idle' });
  };

  const exportProfile = async (entry: ProfileEntry): Promise<void> => {
    try {
      const exported = await bridge.profiles.export({ id: entry.id });
      switch (exported.kind) {
        case 'download':
          downloadFile(exported.fileName, exported.mimeType, base64Bytes(exported.base64));
          setMessage(`${exported.fileName} downloaded.`);
          break;
        case 'saved':
          setMessage(`Saved to ${exported.path}.`);
          break;
        case 'cancelled':
          setMessage('Export cancelled: nothing was saved.');
          break;
      }
    } catch (error) {
      setMessage(refusalMessage(error));
    }
  };

  const remove = async (entry: ProfileEntry): Promise<void> => {
    try {
      const { removed } = await bridge.profiles.remove({ id: entry.id });
      setMessage(removed ? `Removed ${profileName(entry.profile)}.` : 'That profile was already gone.');
      await load();
    } catch (error) {
      setMessage(refusalMessage(error));
    }
  };

  const nameOf = (id: string): string => {
    const entry = profiles.find((p) => p.id === id);
    return entry === undefined ? 'saved for this app' : profileName(entry.profile);
  };

  if (editing !== null) {
    return (
      <ProfileEditor
        bridge={bridge}
        start={editing.start}
        title={editing.title}
        editingAppId={editing.editingAppId}
        existingNames={new Map(profiles.filter((p) => !p.builtIn).map((p) => [p.id, profileName(p.profile)]))}
        onSaved={(saved) => {
          setEditing(null);
          setMessage(saved);
          void load();
        }}
        onCancel={() => setEditing(null)}
      />
    );
  }

  const builtIn = profiles.find((p) => p.builtIn);
  return (
    <section className={styles.root} aria-labelledby={headingId}>
      <Subtitle2 as="h3" id={headingId}>
        Permission profiles
      </Subtitle2>
      <div className={styles.row}>
        <Button
          icon={<Add20Regular />}
          disabled={builtIn === undefined}
          onClick={() =>
            builtIn !== undefined &&
            setEditing({
              title: 'New profile, from the built-in one',
              start: { ...draftFromProfile(builtIn.profile), name: '' },
              editingAppId: null,
            })
          }
        >
          New profile from the built-in one
        </Button>
        <Button
          icon={<Add20Regular />}
          onClick={() => setEditing({ title: 'New profile', start: emptyDraft(), editingAppId: null })}
        >
          New empty profile
        </Button>
      </div>
      <div>
        <Table size="small" aria-labelledby={headingId}>
          <TableHead columns={['Profile', 'Target app', 'Permissions', 'Actions']} />
          <TableBody>
            {profiles.map((entry) => {
              const counts = countPermissions(entry.profile);
              const name = profileName(entry.profile);
              return (
                <TableRow key={entry.id} data-profile={entry.id}>
                  <TableCell>
                    {name} {entry.builtIn && <Badge appearance="outline">built-in</Badge>}
                  </TableCell>
                  <TableCell>
                    {entry.profile.targetApp.displayName}{' '}
                    <span className={styles.code}>{entry.profile.targetApp.appId}</span>
                  </TableCell>
                  <TableCell>
                    {counts.delegated} delegated, {counts.application} application
                  </TableCell>
                  <TableCell>
                    <div className={styles.row}>
                      <ProfileView entry={entry} />
                      <Button
                        size="small"
                        icon={<ArrowDownload20Regular />}
                        aria-label={`Export ${name}`}
                        onClick={() => void exportProfile(entry)}
                      >
                        Export
                      </Button>
                      {!entry.builtIn && (
                        <Button
                          size="small"
                          icon={<Edit20Regular />}
                          aria-label={`Edit ${name}`}
                          onClick={() =>
                            setEditing({
                              title: `Edit ${name}`,
                              start: draftFromProfile(entry.profile),
                              editingAppId: entry.profile.targetApp.appId,
                            })
                          }
                        >
                          Edit
                        </Button>
                      )}
                      {!entry.builtIn && (
                        <RemoveProfileButton name={name} onRemove={() => void remove(entry)} />
                      )}
                    </div>
                  </TableCell>
                </TableRow>
              );
            })}
          </TableBody>
        </Table>
      </div>
      <MovedAsideBar
        movedAside={movedAside}
        title="Some saved profiles could not be read and were moved aside"
      />
      {message !== null && <AnnouncedText>{message}</AnnouncedText>}
      <Field
        label="Import a profile"
        hint="Paste the profile’s JSON here, or choose its file. The format is described in docs/profiles.md."
      >
        <Textarea
          className={styles.text}
          value={text}
          onChange={(_, data) => setText(data.value)}
          resize="vertical"
          spellCheck={false}
        />
      </Field>
      <div className={styles.row}>
        <Button appearance="primary" disabled={text.trim() === ''} onClick={() => void importText(false)}>
          Import
        </Button>
        <Button icon={<ArrowUpload20Regular />} onClick={() => fileInput.current?.click()}>
          Choose a file…
        </Button>
        <input
          ref={fileInput}
          className={styles.fileInput}
          type="file"
          accept=".json,application/json"
          aria-label="Profile file"
          tabIndex={-1}
          onChange={(event) => void chooseFile(event)}
        />
      </div>
      <div>
        {status.kind === 'saved' && (
          <MessageBar intent="success">
            <MessageBarBody>{status.message}</MessageBarBody>
          </MessageBar>
        )}
        {status.kind === 'invalid' && (
          <ProfileProblemsBar
            title="The profile was not imported"
            retry="import"
            problems={status.issues.map(formatProfileImportIssue)}
          />
        )}
        {status.kind === 'exists' && (
          <ProfileExistsBar
            appName={status.appName}
            existingName={nameOf(status.existingId)}
            replacement="the pasted one"
            onReplace={() => void importText(true)}
            onKeep={() => setStatus({ kind: 'idle' })}
          />
        )}
        {status.kind === 'failed' && (
          <MessageBar intent="error">
            <MessageBarBody>{status.message}</MessageBarBody>
          </MessageBar>
        )}
      </div>
    </section>
  );
};
