import { axeViolations, expectAccessible } from './support/accessibility';
import { expect, test } from './support/fixtures';

// The accessibility check of every other test would pass on a page it never looked at: this one shows it sees.
test('the accessibility check finds violations put on the page, serious or moderate, and only while they are there', async ({
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
  const violations = await axeViolations(app);
  expect(violations).toEqual([expect.stringMatching(/^color-contrast: .*#faint/)]);
  await app.evaluate(() => document.getElementById('faint')?.remove());
  await expectAccessible(app);

  // A moderate finding fails the check as a serious one does: text outside every landmark.
  await app.evaluate(() => {
    const stray = document.createElement('p');
    stray.id = 'stray';
    stray.textContent = 'Text that no landmark holds';
    document.body.append(stray);
  });
  expect(await axeViolations(app)).toEqual([expect.stringMatching(/^region: .*#stray/)]);
  await app.evaluate(() => document.getElementById('stray')?.remove());
  await expectAccessible(app);
});
