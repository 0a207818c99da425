import { Checkbox, makeStyles, Subtitle2, Text, tokens } from '@fluentui/react-components';
import { type ReactElement, useState } from 'react';
import type { BridgeApi } from '../../shared/bridge/contract';
import {
  decideOwnAccess,
  describeRemoval,
  KEPT_REASON_TEXT,
  notSentReason,
  type OwnAccessOptions,
  type OwnFootprint,
  removalObjectId,
  SKIPPED_TEXT,
  unsentRemovals,
} from '../../shared/onboarding/own-access';
import type { OwnAccessRecord } from '../../shared/onboarding/run-record';
import { TOOL_ACCESS_STATUS_LABELS } from '../../shared/report/report-labels';
import { DEFAULT_SETTINGS, ownAccessDefaults } from '../../shared/settings/settings';
import { useBridgeLoad } from '../bridge/use-bridge-load';
import { GuidanceCard } from '../guidance/guidance-card';
import type { RunSessionState } from '../run/run-session';

const useStyles = makeStyles({
  section: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalS },
  list: { margin: 0, paddingLeft: tokens.spacingHorizontalXL },
  muted: { color: tokens.colorNeutralForeground3 },
});

/**
 * What Finish will do about the tool's own access in this run: the technician's choice for the run, else the
 * Settings' default; null until Settings are read.
 */
export const useOwnAccessChoice = (bridge: BridgeApi, state: RunSessionState): OwnAccessOptions | null => {
  const [defaults, setDefaults] = useState<OwnAccessOptions | null>(null);
  useBridgeLoad(
    () => bridge.settings.get({}),
    (settings) => setDefaults(ownAccessDefaults(settings)),
    // Settings that cannot be read: the app's own defaults, which Finish would also use.
    () => setDefaults(ownAccessDefaults(DEFAULT_SETTINGS)),
    [bridge],
  );
  return state.ownAccess ?? defaults;
};

/**
 * Review plan: what the tool itself holds in the tenant, and what Finish will remove of it with the choice as it
 * stands (the Report step can change it for the run).
 */
export const ToolFootprintSection = ({
  footprint,
  administratorObjectId,
  options,
}: {
  readonly footprint: OwnFootprint | null;
  readonly administratorObjectId: string | null;
  readonly options: OwnAccessOptions | null;
}): ReactElement => {
  const styles = useStyles();
  const heading = <Subtitle2 as="h3">What this tool leaves in the tenant</Subtitle2>;
  if (footprint === null || administratorObjectId === null) {
    return (
      <section className={styles.section} aria-label="What this tool leaves in the tenant">
        {heading}
        <Text>
          The tool’s own access could not be read with the plan. Finish reads it again before removing
          anything.
        </Text>
      </section>
    );
  }
  const { remove, keep } =
    options === null ? { remove: [], keep: [] } : decideOwnAccess(footprint, administratorObjectId, options);
  return (
    <section className={styles.section} aria-label="What this tool leaves in the tenant">
      {heading}
      <Text>
        {footprint.enterpriseApp === null
          ? 'This tool’s enterprise application is not visible in the tenant yet'
          : 'This tool is in the tenant as an enterprise application (added when an administrator first signed in there)'}
        , holding {footprint.grants.length} delegated grant{footprint.grants.length === 1 ? '' : 's'} of its
        own.
      </Text>
      {options === null ? (
        <Text className={styles.muted}>Reading what Finish will do…</Text>
      ) : (
        <>
          <Text weight="semibold">At Finish, as the Report step stands now, the tool removes:</Text>
          {remove.length === 0 ? (
            <Text>Nothing.</Text>
          ) : (
            <ul className={styles.list}>
              {remove.map((item) => (
                <li key={removalObjectId(item)}>{describeRemoval(item)}</li>
              ))}
            </ul>
          )}
          {keep.length > 0 && (
            <>
              <Text weight="semibold">and leaves:</Text>
              <ul className={styles.list}>
                {keep.map(({ item, reason }) => (
                  <li key={removalObjectId(item)}>
                    {describeRemoval(item)}. {KEPT_REASON_TEXT[reason]}
                  </li>
                ))}
              </ul>
            </>
          )}
        </>
      )}
    </section>
  );
};

/** The Report step's choice, for this run, before Finish. */
export const OwnAccessChoice = ({
  value,
  onChange,
  disabled,
}: {
  readonly value: OwnAccessOptions;
  readonly onChange: (next: OwnAccessOptions) => void;
  readonly disabled: boolean;
}): ReactElement => {
  const styles = useStyles();
  return (
    <div className={styles.section}>
      <Checkbox
        label="Remove this tool’s own access to the tenant at Finish (its delegated grants)"
        checked={value.removeGrants}
        disabled={disabled}
        onChange={(_, data) =>
          onChange({
            removeGrants: data.checked === true,
            deleteEnterpriseApp: data.checked === true && value.deleteEnterpriseApp,
          })
        }
      />
      <Checkbox
        label="Also delete the tool’s enterprise application (the next sign-in here asks for consent again)"
        checked={value.removeGrants && value.deleteEnterpriseApp}
        disabled={disabled || !value.removeGrants}
        onChange={(_, data) => onChange({ ...value, deleteEnterpriseApp: data.checked === true })}
      />
    </div>
  );
};

/** After Finish: what was removed of the tool's own access, what stays and why, and what went wrong. */
export const OwnAccessResult = ({ ownAccess }: { readonly ownAccess: OwnAccessRecord }): ReactElement => {
  const styles = useStyles();
  const { decision, removals, stopped } = ownAccess;
  const notSent = unsentRemovals(
    decision.remove,
    removals.map((r) => r.removal),
  );
  return (
    <section className={styles.section} aria-label="The tool’s own access">
      <Subtitle2 as="h3">The tool’s own access</Subtitle2>
      {decision.skipped !== null && <Text>{SKIPPED_TEXT[decision.skipped]}</Text>}
      {removals.length > 0 && (
        <ul className={styles.list}>
          {removals.map((r) => (
            <li key={r.removalId}>
              {TOOL_ACCESS_STATUS_LABELS[r.outcome ?? 'unknown']}: {describeRemoval(r.removal)}
              {r.requestId === null ? '' : ` (request ID ${r.requestId})`}
            </li>
          ))}
        </ul>
      )}
      {notSent.length > 0 && (
        <ul className={styles.list}>
          {notSent.map((item) => (
            <li key={removalObjectId(item)}>
              {TOOL_ACCESS_STATUS_LABELS['not-attempted']}: {describeRemoval(item)}.{' '}
              {notSentReason(stopped !== null)}
            </li>
          ))}
        </ul>
      )}
      {decision.keep.length > 0 && (
        <ul className={styles.list}>
          {decision.keep.map(({ item, reason }) => (
            <li key={removalObjectId(item)}>
              {TOOL_ACCESS_STATUS_LABELS.kept}: {describeRemoval(item)}. {KEPT_REASON_TEXT[reason]}
            </li>
          ))}
        </ul>
      )}
      {decision.skipped === null &&
        decision.footprint !== null &&
        removals.length === 0 &&
        decision.keep.length === 0 && <Text>The tool held nothing in the tenant.</Text>}
      {stopped !== null && <GuidanceCard guidance={stopped} />}
      {removals.flatMap((r) =>
        r.outcome === 'failed' && r.guidance !== null
          ? [<GuidanceCard key={r.removalId} guidance={r.guidance} />]
          : [],
      )}
    </section>
  );
};
