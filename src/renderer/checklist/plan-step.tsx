import {
  Badge,
  MessageBar,
  MessageBarBody,
  MessageBarTitle,
  makeStyles,
  Spinner,
  Subtitle2,
  Text,
  tokens,
} from '@fluentui/react-components';
import { type ReactElement, useId } from 'react';
import type { Plan } from '../../shared/onboarding/plan';
import { planWrites } from '../../shared/onboarding/plan';
import { GuardBar } from './guard-bar';
import { PlanActions } from './plan-actions';
import type { BridgeStepProps } from './step-props';
import { ToolFootprintSection, useOwnAccessChoice } from './tool-access';

const useStyles = makeStyles({
  section: {
    display: 'flex',
    flexDirection: 'column',
    gap: tokens.spacingVerticalS,
    paddingTop: tokens.spacingVerticalM,
    borderTop: `1px solid ${tokens.colorNeutralStroke2}`,
  },
  group: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalXS },
  names: {
    listStyle: 'none',
    margin: 0,
    padding: 0,
    display: 'flex',
    flexWrap: 'wrap',
    gap: tokens.spacingHorizontalXS,
  },
  name: {
    fontFamily: tokens.fontFamilyMonospace,
    fontSize: tokens.fontSizeBase200,
    padding: `2px ${tokens.spacingHorizontalS}`,
    borderRadius: tokens.borderRadiusMedium,
    backgroundColor: tokens.colorNeutralBackground3,
  },
  plain: { margin: 0, paddingLeft: tokens.spacingHorizontalXL },
  muted: { color: tokens.colorNeutralForeground2 },
});

const NOT_OFFERED_REASONS: Readonly<Record<Plan['notOffered'][number]['reason'], string>> = {
  'not-published': 'the resource publishes no permission of that name and type',
  disabled: 'the resource publishes it, but disabled, so Microsoft Entra refuses to grant it',
};

/** Permission names as a wrapping list. */
const Names = ({
  names,
  label,
}: {
  readonly names: readonly string[];
  readonly label: string;
}): ReactElement => {
  const styles = useStyles();
  return (
    <ul className={styles.names} aria-label={label}>
      {names.map((name) => (
        <li key={name} className={styles.name}>
          {name}
        </li>
      ))}
    </ul>
  );
};

interface ResourceGroup {
  readonly resourceAppId: string;
  readonly resourceName: string;
}

/** Every resource the plan touches, in the order the plan names them. */
const resourcesOf = (plan: Plan): readonly ResourceGroup[] => {
  const seen = new Map<string, ResourceGroup>();
  for (const item of [
    ...plan.delegatedGrants,
    ...plan.appRoleAssignments,
    ...plan.pendingResources,
    ...plan.notOffered,
  ])
    if (!seen.has(item.resourceAppId))
      seen.set(item.resourceAppId, { resourceAppId: item.resourceAppId, resourceName: item.resourceName });
  return [...seen.values()];
};

/** One resource's part of the plan: delegated permissions to add, application permissions to assign, and the rest. */
const ResourcePlan = ({
  plan,
  resource,
}: {
  readonly plan: Plan;
  readonly resource: ResourceGroup;
}): ReactElement => {
  const styles = useStyles();
  const headingId = useId();
  const of = <T extends { readonly resourceAppId: string }>(items: readonly T[]): readonly T[] =>
    items.filter((i) => i.resourceAppId === resource.resourceAppId);
  const grants = of(plan.delegatedGrants);
  const assignments = of(plan.appRoleAssignments);
  const pending = of(plan.pendingResources);
  const notOffered = of(plan.notOffered);
  const addScopes = grants.flatMap((g) => g.addScopes);
  return (
    <section className={styles.section} aria-labelledby={headingId} data-resource={resource.resourceAppId}>
      <Subtitle2 as="h3" id={headingId}>
        {resource.resourceName}
      </Subtitle2>
      {addScopes.length > 0 && (
        <div className={styles.group}>
          <Text weight="semibold">Delegated permissions to add ({addScopes.length})</Text>
          <Text size={200} className={styles.muted}>
            {grants.some((g) => g.grantId !== null)
              ? `Added to the existing tenant-wide grant, which keeps the ${grants.flatMap((g) => g.keepScopes).length} it already holds.`
              : 'In a new tenant-wide grant (admin consent for all users).'}
          </Text>
          <Names names={addScopes} label={`Delegated permissions to add to ${resource.resourceName}`} />
        </div>
      )}
      {assignments.length > 0 && (
        <div className={styles.group}>
          <Text weight="semibold">Application permissions to assign ({assignments.length})</Text>
          <Names
            names={assignments.map((a) => a.value)}
            label={`Application permissions to assign on ${resource.resourceName}`}
          />
        </div>
      )}
      {pending.map((p) => (
        <div key={p.resourceAppId} className={styles.group}>
          <Text weight="semibold">Once its enterprise application exists</Text>
          <Text size={200} className={styles.muted}>
            The tenant has no enterprise application for {p.resourceName} yet. It is created first; then its{' '}
            {p.delegated.length} delegated and {p.application.length} application permissions are looked up
            and granted.
          </Text>
          {p.delegated.length > 0 && (
            <Names names={p.delegated} label={`Delegated permissions of ${p.resourceName}`} />
          )}
          {p.application.length > 0 && (
            <Names names={p.application} label={`Application permissions of ${p.resourceName}`} />
          )}
        </div>
      ))}
      {notOffered.length > 0 && (
        <div className={styles.group}>
          <Text weight="semibold">
            Not offered ({notOffered.length}): listed in the profile, cannot be granted
          </Text>
          <ul className={styles.plain}>
            {notOffered.map((n) => (
              <li key={`${n.type}-${n.name}`}>
                <span className={styles.name}>{n.name}</span> ({n.type}): {NOT_OFFERED_REASONS[n.reason]}
                {n.publishedAs === null
                  ? ''
                  : `; it is published as ${n.publishedAs === 'application' ? 'an application' : 'a delegated'} permission: correct its type in the profile`}
                .
              </li>
            ))}
          </ul>
        </div>
      )}
    </section>
  );
};

/** Counts of what applying the plan changes, in words. */
export const planSummary = (plan: Plan): string => {
  const sp = plan.createServicePrincipals.length;
  const delegated = plan.delegatedGrants.reduce((sum, g) => sum + g.addScopes.length, 0);
  const application = plan.appRoleAssignments.length;
  const parts = [
    sp > 0 ? `${sp} enterprise application${sp === 1 ? '' : 's'} to create` : null,
    delegated > 0 ? `${delegated} delegated permission${delegated === 1 ? '' : 's'} to add` : null,
    application > 0 ? `${application} application permission${application === 1 ? '' : 's'} to assign` : null,
    ...plan.pendingResources.map((p) => `the permissions of ${p.resourceName} once it exists`),
  ].filter((p): p is string => p !== null);
  return parts.join(', ');
};

/**
 * Step 5: exactly what granting will change, read from the tenant and grouped by resource and type, with what
 * cannot be granted and why. Nothing is written until the technician confirms "Grant consent".
 */
export const PlanStep = ({
  bridge,
  session,
  state,
  onRequestGrant,
}: BridgeStepProps & {
  /** Opens the confirmation; nothing is written before the technician confirms there. */
  readonly onRequestGrant: () => void;
}): ReactElement | null => {
  const styles = useStyles();
  const ownAccess = useOwnAccessChoice(bridge, state);
  const view = state.view;
  if (view === null) return null;
  const record = view.record;
  const plan = record.plan;
  const reading = state.pending === 'plan';
  const organization = record.organization?.displayName ?? record.input.clientText;
  const writes = plan === null ? 0 : planWrites(plan);
  const targetGuard = record.guards.find((g) => g.guard === 'target-app');
  const ready = plan !== null && state.planFresh && !reading;

  return (
    <>
      <div>
        {reading && (
          <Spinner
            size="small"
            labelPosition="after"
            label={state.progress?.message ?? 'Reading what the tenant holds…'}
          />
        )}
      </div>
      {plan !== null && !reading && (
        <>
          <MessageBar intent={writes === 0 ? 'success' : 'info'} layout="multiline">
            <MessageBarBody>
              <MessageBarTitle>
                {writes === 0 ? 'Nothing to grant' : `What granting changes in ${organization}`}
              </MessageBarTitle>
              {writes === 0
                ? 'The tenant already holds every permission of the profile that can be granted.'
                : `${planSummary(plan)}. Nothing has been written yet.`}
              {plan.alreadyGranted > 0 &&
                ` ${plan.alreadyGranted} permission${plan.alreadyGranted === 1 ? ' is' : 's are'} already granted and left as they are.`}
            </MessageBarBody>
          </MessageBar>
          {!state.planFresh && (
            <Text className={styles.muted}>
              {record.planConfirmedAt !== null
                ? 'This plan has been applied. Read the tenant again for what is still missing.'
                : 'This plan was read before the latest sign-in. Read the tenant again before granting.'}
            </Text>
          )}
          <Text weight="semibold" data-already-granted={plan.alreadyGranted}>
            Already granted: {plan.alreadyGranted}
          </Text>
          {plan.warnings.map((w) => (
            <MessageBar key={w.kind} intent="warning" layout="multiline">
              <MessageBarBody>
                <MessageBarTitle>The app is disabled in this tenant</MessageBarTitle>
                Permissions can be granted, but nobody can use them until the client’s administrator enables
                the app’s enterprise application.
              </MessageBarBody>
            </MessageBar>
          ))}
          {targetGuard !== undefined && <GuardBar guard={targetGuard} />}
          {plan.createServicePrincipals.length > 0 && (
            <section className={styles.section} aria-label="Enterprise applications to create">
              <Subtitle2 as="h3">
                Enterprise applications to create ({plan.createServicePrincipals.length})
              </Subtitle2>
              <ul className={styles.plain}>
                {plan.createServicePrincipals.map((sp) => (
                  <li key={sp.appId}>
                    {sp.displayName} <span className={styles.muted}>({sp.appId})</span>{' '}
                    <Badge appearance="outline">
                      {sp.role === 'target' ? 'the app being onboarded' : 'resource'}
                    </Badge>
                  </li>
                ))}
              </ul>
            </section>
          )}
          {resourcesOf(plan).map((resource) => (
            <ResourcePlan key={resource.resourceAppId} plan={plan} resource={resource} />
          ))}
          <ToolFootprintSection
            footprint={plan.toolFootprint}
            administratorObjectId={record.account?.objectId ?? null}
            options={ownAccess}
          />
        </>
      )}
      <PlanActions
        session={session}
        state={state}
        ready={ready}
        writes={writes}
        action="Grant consent…"
        onRequest={onRequestGrant}
      />
    </>
  );
};
