import { Text, type TextProps, useAnnounce } from '@fluentui/react-components';
import { type ReactElement, useEffect, useRef } from 'react';
import type { RunProgress } from '../../shared/onboarding/run-progress';
import { type LastAnnouncement, progressToAnnounce } from './progress-announcement';

/**
 * A status sentence shown on screen and announced to screen readers each time it appears or changes, through the
 * app's `AriaLiveAnnouncer` (src/renderer/main.tsx). Failures need nothing of this: Fluent's MessageBar (guidance
 * cards, refusal bars) announces itself when it appears.
 */
export const AnnouncedText = ({
  children,
  weight,
  size,
}: {
  readonly children: string;
  readonly weight?: TextProps['weight'];
  readonly size?: TextProps['size'];
}): ReactElement => {
  const { announce } = useAnnounce();
  useEffect(() => {
    announce(children, { polite: true });
  }, [announce, children]);
  return (
    <Text weight={weight} size={size}>
      {children}
    </Text>
  );
};

/** Announces a long step's progress: each new kind of work at once, counts at most every few seconds. */
export const useProgressAnnouncements = (progress: RunProgress | null): void => {
  const { announce } = useAnnounce();
  const last = useRef<LastAnnouncement | null>(null);
  useEffect(() => {
    if (progress === null) {
      last.current = null;
      return;
    }
    const next = progressToAnnounce(last.current, progress, Date.now());
    if (next === null) return;
    last.current = next;
    announce(next.sentence, { polite: true, batchId: 'run-progress' });
  }, [announce, progress]);
};
