import { redact, redactText } from '../logging/redact';

/**
 * Where the preview prints the bridge's errors: the terminal, redacted as the desktop app's log is, since a failed
 * request can carry an authorization code, a token or a cookie in its message or detail.
 */
export const redactedErrorPrinter =
  (write: (...items: unknown[]) => void = console.error) =>
  (message: string, detail?: unknown): void =>
    write(redactText(message), redact(detail));
