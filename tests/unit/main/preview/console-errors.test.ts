import { describe, expect, it } from 'vitest';
import { redactedErrorPrinter } from '../../../../src/main/preview/console-errors';

describe("the preview's bridge errors on the terminal", () => {
  it('are redacted as the desktop log redacts them: message and detail', () => {
    const printed: unknown[][] = [];
    const print = redactedErrorPrinter((...items) => printed.push(items));
    const error = new Error('token request failed: code=0.AXEA-secret-code&code_verifier=v3r1f13r');
    print('onboarding.signIn failed for http://localhost:5123/?code=0.AXEA-secret-code', {
      error,
      headers: { Authorization: 'Bearer eyJ0eXAiOiJKV1QifQ.eyJ0aWQiOiJ4In0.c2ln' },
      refresh_token: '1.AXEA-refresh',
    });
    const text = JSON.stringify(printed, (_key, value) =>
      value instanceof Error ? `${value.name}: ${value.message}` : value,
    );
    expect(text).not.toMatch(/secret-code|v3r1f13r|eyJ0eXAi|1\.AXEA-refresh/);
    expect(text).toContain('onboarding.signIn failed for http://localhost:5123/?code=[redacted]');
    expect(printed).toHaveLength(1);
  });
});
