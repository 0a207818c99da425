import { expectAccessible, seriousAxeViolations } from './support/accessibility';
import { expect, test } from './support/fixtures';

// The accessibility check of every other test would pass on a page it never looked at: this one shows it sees.
test('the accessibility check finds a violation put on the page, and only while it is there', async ({
  app,
}) => {
  await expectAccessible(app);
  await app.evaluate(() => {
    const faint = document.createElement('p');
    faint.id = 'faint';
    faint.textContent = 'Grey on white that nobody can read';
    faint.style.color = '#f4f4f4';
    faint.style.background = '#ffffff';
    document.querySelector('main')?.append(faint);
  });
  const violations = await seriousAxeViolations(app);
  expect(violations).toEqual([expect.stringMatching(/^color-contrast: .*#faint/)]);
  await app.evaluate(() => document.getElementById('faint')?.remove());
  await expectAccessible(app);
});
