import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  AADSTS_CATALOG,
  GRAPH_CATALOG,
  OAUTH_ERROR_CATALOG,
  UNEXPECTED_ANSWER_ENTRY,
} from '../../../../src/shared/guidance/catalog';
import { RUN_CATALOG } from '../../../../src/shared/guidance/run-guidance';

const doc = readFileSync(new URL('../../../../docs/errors.md', import.meta.url), 'utf8');

describe('docs/errors.md', () => {
  it('lists every AADSTS code of the catalog with its title', () => {
    for (const [code, entry] of Object.entries(AADSTS_CATALOG)) {
      expect(doc).toContain(`AADSTS${code}`);
      expect(doc).toContain(entry.title);
    }
  });

  it('lists every Graph and OAuth entry of the catalog with its title', () => {
    for (const [key, entry] of [...Object.entries(GRAPH_CATALOG), ...Object.entries(OAUTH_ERROR_CATALOG)]) {
      expect(doc).toContain(key.includes(':') ? `\`${key.split(':')[1]}\`` : key);
      expect(doc).toContain(entry.title);
    }
  });

  it('lists the answer this version does not understand with its title', () => {
    expect(doc).toContain('`unexpected-answer`');
    expect(doc).toContain(UNEXPECTED_ANSWER_ENTRY.title);
  });

  it('lists every stop of the run itself with its title', () => {
    for (const [key, entry] of Object.entries(RUN_CATALOG)) {
      expect(doc).toContain(`\`${key}\``);
      expect(doc).toContain(entry.title);
    }
  });
});
