import { describe, expect, it } from 'vitest';
import { finishLeaves, sessionPromise, signInPlace } from '../../../src/renderer/checklist/sign-in-promises';

describe('what the checklist promises about the sign-in session', () => {
  it('promises that nothing stays only for the in-app window, whose session the tool wipes', () => {
    expect(signInPlace('in-app')).toBe('a separate sign-in window');
    expect(sessionPromise('in-app')).toContain('nothing of it stays on this computer');
    expect(finishLeaves('in-app')).toBe('');
  });

  it('says the default browser keeps its cookies, and never that nothing stays', () => {
    expect(signInPlace('system')).toBe('your default browser');
    expect(sessionPromise('system')).toContain('keeps its own cookies');
    expect(sessionPromise('system')).not.toMatch(/nothing .*stays/);
    expect(finishLeaves('system')).toContain('sign out there too');
  });
});
