import {
  AriaLiveAnnouncer,
  FluentProvider,
  MessageBar,
  MessageBarBody,
  MessageBarTitle,
  webDarkTheme,
  webLightTheme,
} from '@fluentui/react-components';
import { type ReactElement, type ReactNode, StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { BridgeError } from '../shared/bridge/errors';
import { App } from './app/app';
import { useColorScheme } from './app/use-color-scheme';
import { connectBridge } from './bridge/connect';
import { routeCopiesThroughMain } from './guidance/copy-text';
import './styles.css';
import { loadLocaleData } from './app/local-time';

/**
 * The theme the system asks for, and the one announcer of the window: every announcement (MessageBar's own, and the
 * app's through `useAnnounce`) goes through it, so screen readers hear each once.
 */
const Themed = ({ children }: { readonly children: ReactNode }): ReactElement => {
  const scheme = useColorScheme();
  return (
    <FluentProvider theme={scheme === 'dark' ? webDarkTheme : webLightTheme}>
      <AriaLiveAnnouncer>{children}</AriaLiveAnnouncer>
    </FluentProvider>
  );
};

loadLocaleData(window);

const root = createRoot(document.getElementById('root') as HTMLElement);

try {
  const connection = await connectBridge(window.location, window.pia);
  routeCopiesThroughMain(async (text) => (await connection.api.clipboard.writeText({ text })).written);
  root.render(
    <StrictMode>
      <Themed>
        <App bridge={connection.api} onConnectionLost={connection.onClose} />
      </Themed>
    </StrictMode>,
  );
} catch (error) {
  root.render(
    <Themed>
      <main>
        <MessageBar intent="error" layout="multiline">
          <MessageBarBody>
            <MessageBarTitle>Cannot reach the app</MessageBarTitle>
            {error instanceof BridgeError ? error.message : String(error)}
          </MessageBarBody>
        </MessageBar>
      </main>
    </Themed>,
  );
}
