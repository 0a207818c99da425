import { describe, expect, it } from 'vitest';
import { REFUSED_SWITCHES, refusedSwitches } from '../../../../src/main/electron/command-line-guard';

const EXE = 'C:\\Program Files\\Pia Onboarding\\Pia Onboarding.exe';

describe('the switches a packaged app refuses', () => {
  it.each([
    ['--remote-debugging-port=9222', 'remote-debugging-port'],
    ['--remote-debugging-pipe', 'remote-debugging-pipe'],
    ['--inspect', 'inspect'],
    ['--inspect-brk=9229', 'inspect-brk'],
    ['--no-sandbox', 'no-sandbox'],
    ['--proxy-server=http://10.0.0.5:8080', 'proxy-server'],
    ['--js-flags=--allow-natives-syntax', 'js-flags'],
    ['--disable-web-security', 'disable-web-security'],
    ['--host-resolver-rules=MAP login.microsoftonline.com 10.0.0.5', 'host-resolver-rules'],
    ['--ignore-certificate-errors', 'ignore-certificate-errors'],
    ['--load-extension=C:\\ext', 'load-extension'],
    // Chromium on Windows also takes one dash or a slash, and any case.
    ['-remote-debugging-port=9222', 'remote-debugging-port'],
    ['/Remote-Debugging-Port=9222', 'remote-debugging-port'],
    ['--NO-SANDBOX', 'no-sandbox'],
  ])('refuses %s in a packaged build', (arg, name) => {
    expect(refusedSwitches([EXE, arg], true)).toEqual([name]);
  });

  it('names each refused switch once, in the order given', () => {
    expect(refusedSwitches([EXE, '--inspect', '--no-sandbox', '--inspect=9230', '--lang=nl'], true)).toEqual([
      'inspect',
      'no-sandbox',
    ]);
  });

  it('lets a development build take them all', () => {
    expect(refusedSwitches([EXE, ...REFUSED_SWITCHES.map((name) => `--${name}`)], false)).toEqual([]);
  });

  it('takes ordinary switches, the executable path and whatever follows --', () => {
    expect(
      refusedSwitches(
        ['/opt/Pia Onboarding/--no-sandbox/pia', '--lang=nl', '--user-data-dir=/tmp/x', '--', '--inspect'],
        true,
      ),
    ).toEqual([]);
  });
});
