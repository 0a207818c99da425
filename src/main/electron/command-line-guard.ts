/**
 * Command-line switches a packaged app refuses to start with. Each hands the app's process, and with it the signed-in
 * administrator's session, to another local program, or turns a protection off: a debugger or DevTools protocol
 * endpoint, V8 flags, a proxy or host rules that redirect Microsoft's hosts, certificate errors ignored, web security
 * or the sandbox off, an extension loaded. The fuses cover `--inspect` and NODE_OPTIONS, not these; the threat
 * model (docs/SECURITY.md) says a local process of the same user must not get the administrator's session.
 * Development builds accept them all.
 */
export const REFUSED_SWITCHES: readonly string[] = [
  'remote-debugging-port',
  'remote-debugging-pipe',
  'remote-debugging-address',
  'remote-allow-origins',
  'inspect',
  'inspect-brk',
  'inspect-port',
  'inspect-publish-uid',
  'debug',
  'debug-brk',
  'js-flags',
  'no-sandbox',
  'disable-gpu-sandbox',
  'disable-web-security',
  'disable-site-isolation-trials',
  'ignore-certificate-errors',
  'ignore-certificate-errors-spki-list',
  'allow-insecure-localhost',
  'unsafely-treat-insecure-origin-as-secure',
  'proxy-server',
  'proxy-pac-url',
  'proxy-bypass-list',
  'host-rules',
  'host-resolver-rules',
  'load-extension',
];

const REFUSED = new Set(REFUSED_SWITCHES);

/**
 * The refused switches among `argv` (as `process.argv`: the executable first), by name; none in a development build.
 * Chromium reads `--name`, `--name=value` and, on Windows, `-name` and `/name` too, without regard to case; it stops
 * at `--`, after which nothing is a switch.
 */
export const refusedSwitches = (argv: readonly string[], packaged: boolean): string[] => {
  if (!packaged) return [];
  const found: string[] = [];
  for (const arg of argv.slice(1)) {
    if (arg === '--') break;
    const match = /^(?:--|-|\/)([^=]+)/.exec(arg);
    const name = match?.[1]?.toLowerCase();
    if (name !== undefined && REFUSED.has(name) && !found.includes(name)) found.push(name);
  }
  return found;
};
