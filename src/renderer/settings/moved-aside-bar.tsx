import { MessageBar, MessageBarBody, MessageBarTitle } from '@fluentui/react-components';
import type { ReactElement } from 'react';

/** Saved profiles that could not be read and were moved aside, as the profile store named them; nothing if none. */
export const MovedAsideBar = ({
  movedAside,
  title,
}: {
  readonly movedAside: readonly string[];
  readonly title: string;
}): ReactElement | null =>
  movedAside.length === 0 ? null : (
    <MessageBar intent="warning" layout="multiline">
      <MessageBarBody>
        <MessageBarTitle>{title}</MessageBarTitle>
        {movedAside.join(' ')}
      </MessageBarBody>
    </MessageBar>
  );
