import { Badge, Button, Combobox, makeStyles, Option, Text, tokens } from '@fluentui/react-components';
import { Add20Regular, ArrowSwap20Regular, Delete20Regular } from '@fluentui/react-icons';
import { type FormEvent, type ReactElement, useId, useState } from 'react';
import {
  type CatalogHint,
  catalogHint,
  type PermissionCatalog,
  suggestPermissions,
} from '../../shared/profile/permission-catalog';
import type { RequestedPermission } from '../../shared/profile/permission-profile';
import type { PermissionType } from '../../shared/profile/permission-type';

const useStyles = makeStyles({
  root: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalS },
  list: { margin: 0, padding: 0, listStyleType: 'none', display: 'flex', flexDirection: 'column' },
  item: {
    display: 'flex',
    alignItems: 'center',
    flexWrap: 'wrap',
    gap: tokens.spacingHorizontalS,
    padding: `${tokens.spacingVerticalXXS} 0`,
    borderBottom: `1px solid ${tokens.colorNeutralStroke3}`,
  },
  name: { fontFamily: tokens.fontFamilyMonospace, fontSize: tokens.fontSizeBase200, minWidth: '16rem' },
  flag: { color: tokens.colorPaletteDarkOrangeForeground1, flexBasis: '100%' },
  add: { display: 'flex', gap: tokens.spacingHorizontalS, alignItems: 'flex-end', flexWrap: 'wrap' },
  combo: { minWidth: '20rem' },
});

const TYPE_WORDS: Readonly<Record<PermissionType, string>> = {
  delegated: 'delegated',
  application: 'application',
};

/** What the editor says of a listed name, in words; null when there is nothing to say beyond its badge. */
export const hintSentence = (
  hint: CatalogHint,
  name: string,
  resource: string,
  type: PermissionType,
): string | null => {
  switch (hint.kind) {
    case 'known':
    case 'unchecked':
      return null;
    case 'other-type':
      return `${resource} publishes ${name} as an ${TYPE_WORDS[hint.publishedAs]} permission only: no grant can give it as ${TYPE_WORDS[type]}. Use the ${TYPE_WORDS[hint.publishedAs]} permission instead.`;
    case 'disabled':
      return `${resource} publishes ${name} disabled: Microsoft Entra refuses to grant it.`;
    case 'unknown':
      return `${resource} publishes no ${TYPE_WORDS[type]} permission named ${name}: check the spelling.`;
  }
};

/**
 * One list of a resource's permissions in the profile editor: each name with what the catalog says of it (needs
 * admin consent, published only as the other type, unknown), a way to remove it, and a field that suggests names
 * from the catalog as the technician types.
 */
export const PermissionListEditor = ({
  catalog,
  resourceAppId,
  resourceName,
  type,
  permissions,
  onAdd,
  onRemove,
  onMove,
}: {
  readonly catalog: PermissionCatalog;
  readonly resourceAppId: string;
  readonly resourceName: string;
  readonly type: PermissionType;
  readonly permissions: readonly RequestedPermission[];
  readonly onAdd: (name: string) => void;
  readonly onRemove: (name: string) => void;
  readonly onMove: (name: string) => void;
}): ReactElement => {
  const styles = useStyles();
  const [typed, setTyped] = useState('');
  const [open, setOpen] = useState(false);
  const labelId = useId();
  const title = `${type === 'delegated' ? 'Delegated' : 'Application'} permissions of ${resourceName}`;
  const suggestions = suggestPermissions(catalog, resourceAppId, type, typed);
  // A name published only as the other type is flagged while it is typed, before it is added.
  const typedName = typed.trim();
  const typedHint = typedName === '' ? null : catalogHint(catalog, resourceAppId, type, typedName);
  const typedFlag =
    typedHint?.kind === 'other-type' ? hintSentence(typedHint, typedName, resourceName, type) : null;
  const typedFlagId = useId();

  const add = (name: string): void => {
    const trimmed = name.trim();
    if (trimmed === '') return;
    onAdd(trimmed);
    setTyped('');
  };
  const submit = (event: FormEvent): void => {
    event.preventDefault();
    add(typed);
  };

  return (
    <div className={styles.root} data-permission-list={type}>
      <Text weight="semibold" id={labelId}>
        {`${title} (${permissions.length})`}
      </Text>
      {permissions.length > 0 && (
        <ul className={styles.list} aria-labelledby={labelId}>
          {permissions.map((permission) => {
            const hint = catalogHint(catalog, resourceAppId, type, permission.name);
            const sentence = hintSentence(hint, permission.name, resourceName, type);
            return (
              <li
                key={permission.name}
                className={styles.item}
                data-permission={permission.name}
                data-hint={hint.kind}
              >
                <span className={styles.name}>{permission.name}</span>
                {hint.kind === 'known' && hint.adminConsentRequired && (
                  <Badge appearance="outline" color="informative">
                    admin consent
                  </Badge>
                )}
                {hint.kind === 'known' && !hint.adminConsentRequired && (
                  <Badge appearance="outline" color="subtle">
                    user consent allowed
                  </Badge>
                )}
                {hint.kind === 'other-type' && (
                  <Button size="small" icon={<ArrowSwap20Regular />} onClick={() => onMove(permission.name)}>
                    {`Use the ${TYPE_WORDS[hint.publishedAs]} permission instead`}
                  </Button>
                )}
                <Button
                  size="small"
                  appearance="subtle"
                  icon={<Delete20Regular />}
                  aria-label={`Remove ${permission.name} from the ${TYPE_WORDS[type]} permissions`}
                  onClick={() => onRemove(permission.name)}
                />
                {sentence !== null && (
                  <Text size={200} className={styles.flag} role="note">
                    {sentence}
                  </Text>
                )}
              </li>
            );
          })}
        </ul>
      )}
      <form className={styles.add} onSubmit={submit} aria-label={`Add to the ${title.toLowerCase()}`}>
        <Combobox
          className={styles.combo}
          freeform
          // The suggestions open inside the settings page's landmark, not in a portal at the end of the document.
          inlinePopup
          aria-label={`Add ${type === 'application' ? 'an' : 'a'} ${TYPE_WORDS[type]} permission of ${resourceName}`}
          placeholder="Type a name, such as User.Read"
          aria-describedby={typedFlag === null ? undefined : typedFlagId}
          value={typed}
          open={open && suggestions.length > 0}
          onOpenChange={(_, data) => setOpen(data.open)}
          onInput={(event) => {
            setTyped((event.target as HTMLInputElement).value);
            setOpen(true);
          }}
          onKeyDown={(event) => {
            // Enter with no suggestion showing adds what was typed; with suggestions showing, Fluent picks the
            // highlighted one (onOptionSelect).
            if (event.key === 'Enter' && !(open && suggestions.length > 0)) {
              event.preventDefault();
              add(typed);
            }
          }}
          onOptionSelect={(event, data) => {
            // Enter takes the highlighted suggestion, unless what was typed is itself a name the resource
            // publishes (as either type): a suggestion that merely contains it (PlaceDevice.ReadWrite.All for
            // Device.ReadWrite.All) is not what the technician meant. A click always takes what was clicked.
            const typedIsName =
              event.type === 'keydown' && (typedHint?.kind === 'known' || typedHint?.kind === 'other-type');
            if (typedIsName) add(typedName);
            else if (data.optionValue !== undefined) add(data.optionValue);
            setOpen(false);
          }}
        >
          {suggestions.map((entry) => (
            <Option key={entry.value} value={entry.value} text={entry.value}>
              {`${entry.value}${entry.adminConsentRequired ? ' · admin consent' : ''}`}
            </Option>
          ))}
        </Combobox>
        <Button type="submit" icon={<Add20Regular />}>
          Add
        </Button>
        {typedFlag !== null && (
          <Text size={200} className={styles.flag} role="note" id={typedFlagId} data-typed-flag>
            {typedFlag}
          </Text>
        )}
      </form>
    </div>
  );
};
