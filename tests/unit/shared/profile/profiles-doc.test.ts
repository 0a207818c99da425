import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { PRACTICE_TARGET_APP_ID } from '../../../../src/shared/profile/default-profile';
import { formatProfileImportIssue, importProfile } from '../../../../src/shared/profile/import-profile';

const doc = readFileSync(new URL('../../../../docs/profiles.md', import.meta.url), 'utf8');

describe('docs/profiles.md', () => {
  it('shows an example that imports as a valid profile', () => {
    const example = /```json\n([\s\S]*?)```/.exec(doc)?.[1];
    expect(example).toBeDefined();
    const result = importProfile(example ?? '');
    expect(result.ok ? [] : result.issues.map(formatProfileImportIssue)).toEqual([]);
  });

  it('names the practice stand-in application ID the default profile uses', () => {
    expect(doc).toContain(PRACTICE_TARGET_APP_ID);
  });
});
