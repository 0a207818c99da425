import {
  Button,
  MessageBar,
  MessageBarActions,
  MessageBarBody,
  makeStyles,
  Text,
  tokens,
  typographyStyles,
} from '@fluentui/react-components';
import { type ReactElement, type ReactNode, useEffect, useRef } from 'react';
import { ErrorBoundary, type FallbackProps } from 'react-error-boundary';
import type { BridgeApi, RendererError } from '../../shared/bridge/contract';

/** A page of the window. */
export type PageId = RendererError['page'];

const PAGE_NAMES: Readonly<Record<PageId, string>> = {
  checklist: 'The checklist',
  history: 'The run history',
  settings: 'Settings',
};

const messageOf = (error: unknown): string =>
  (error instanceof Error ? error.message : String(error)).slice(0, 2_000);

const stackOf = (error: unknown): string | null =>
  error instanceof Error && error.stack !== undefined ? error.stack.slice(0, 20_000) : null;

const useStyles = makeStyles({
  root: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalM },
  // Focus lands here only by script, to start reading at what happened; a heading is not a control.
  heading: { ...typographyStyles.title3, margin: 0, outline: 'none' },
});

/** What a page that failed to render shows instead: what happened, that nothing is lost, and the ways on. */
const PageFailed = ({
  page,
  error,
  resetErrorBoundary,
  onOpen,
}: FallbackProps & {
  readonly page: PageId;
  readonly onOpen: (page: PageId) => void;
}): ReactElement => {
  const styles = useStyles();
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => heading.current?.focus(), []);
  const other: PageId = page === 'history' ? 'checklist' : 'history';
  return (
    <section
      className={styles.root}
      data-page-failed={page}
      aria-label={`${PAGE_NAMES[page]} could not be shown`}
    >
      <h2 ref={heading} tabIndex={-1} className={styles.heading}>
        {`${PAGE_NAMES[page]} could not be shown`}
      </h2>
      <MessageBar intent="error" layout="multiline">
        <MessageBarBody>
          <Text as="p">
            Something in this window failed while showing the page. Nothing of a run is lost: every step is
            saved in the run’s journal as it happens, and an open run can be taken up again from the run
            history. The error was written to the app’s log.
          </Text>
          <Text as="p" size={200}>
            {`Error: ${messageOf(error)}`}
          </Text>
        </MessageBarBody>
        <MessageBarActions>
          <Button onClick={resetErrorBoundary}>Try again</Button>
          <Button
            onClick={() => onOpen(other)}
          >{`Open ${PAGE_NAMES[other].replace(/^The /, 'the ')}`}</Button>
        </MessageBarActions>
      </MessageBar>
    </section>
  );
};

/**
 * One page of the window behind its own error boundary: a page that throws while rendering shows what happened and
 * a way back instead of leaving the window blank, and the error goes to the app's log through the bridge.
 */
export const PageBoundary = ({
  page,
  bridge,
  onOpen,
  children,
}: {
  readonly page: PageId;
  readonly bridge: BridgeApi;
  readonly onOpen: (page: PageId) => void;
  readonly children: ReactNode;
}): ReactElement => (
  <ErrorBoundary
    resetKeys={[page]}
    fallbackRender={(props) => <PageFailed {...props} page={page} onOpen={onOpen} />}
    onError={(error, info) => {
      void bridge.logs
        .rendererError({
          page,
          message: messageOf(error),
          stack: stackOf(error),
          componentStack: info.componentStack?.slice(0, 20_000) ?? null,
        })
        .catch(() => undefined);
    }}
  >
    {children}
  </ErrorBoundary>
);
