import {
  Button,
  MessageBar,
  MessageBarActions,
  MessageBarBody,
  MessageBarTitle,
  makeStyles,
  tokens,
} from '@fluentui/react-components';
import type { ReactElement } from 'react';

const useStyles = makeStyles({
  issues: { margin: 0, paddingLeft: tokens.spacingHorizontalXL },
});

/** A profile that was not saved (imported or made in the editor): every problem, one per line. */
export const ProfileProblemsBar = ({
  title,
  retry,
  problems,
}: {
  readonly title: string;
  /** What to do again once corrected: "import", "save". */
  readonly retry: string;
  readonly problems: readonly string[];
}): ReactElement => {
  const styles = useStyles();
  return (
    <MessageBar intent="error" layout="multiline">
      <MessageBarBody>
        <MessageBarTitle>{title}</MessageBarTitle>
        {`Nothing was saved. Correct these and ${retry} again:`}
        <ul className={styles.issues} aria-label="Problems in the profile">
          {problems.map((problem) => (
            <li key={problem}>{problem}</li>
          ))}
        </ul>
      </MessageBarBody>
    </MessageBar>
  );
};

/** A saved profile is for the same application ID: replace it, or keep it. Names the profile, never its ID. */
export const ProfileExistsBar = ({
  appName,
  existingName,
  replacement,
  onReplace,
  onKeep,
}: {
  readonly appName: string;
  readonly existingName: string;
  /** What would replace it: "the pasted one", "this one". */
  readonly replacement: string;
  readonly onReplace: () => void;
  readonly onKeep: () => void;
}): ReactElement => (
  <MessageBar intent="warning" layout="multiline">
    <MessageBarBody>
      <MessageBarTitle>{`A profile for ${appName} exists`}</MessageBarTitle>
      {`The profile ${existingName} is for the same application ID. Replace it with ${replacement}?`}
    </MessageBarBody>
    <MessageBarActions>
      <Button onClick={onReplace}>Replace it</Button>
      <Button onClick={onKeep}>Keep the saved one</Button>
    </MessageBarActions>
  </MessageBar>
);
