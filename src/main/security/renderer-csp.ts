/**
 * The Content-Security-Policy the renderer is served with, by the preview host and the Electron shell alike.
 *
 * `bridgeOrigin` adds the preview host's WebSocket endpoint to connect-src; the desktop app passes none.
 */
export const rendererCsp = (bridgeOrigin?: string): string =>
  [
    "default-src 'self'",
    "script-src 'self'",
    // Fluent UI's Griffel inserts its atomic CSS rules at run time.
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data:",
    "font-src 'self'",
    bridgeOrigin === undefined
      ? "connect-src 'self'"
      : `connect-src 'self' ${bridgeOrigin.replace(/^http/, 'ws')}`,
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'none'",
    "frame-ancestors 'none'",
  ].join('; ');
