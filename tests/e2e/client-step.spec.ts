import { expect, expectNoSeriousAxeViolations, saveScreenshot, test } from './support/fixtures';

test.describe('Client step through the preview host', () => {
  test('lists every step of the checklist with the client step current', async ({ app }) => {
    const steps = app.getByRole('navigation', { name: 'Onboarding steps' }).getByRole('listitem');
    await expect(steps).toHaveText([
      /1\. Client/,
      /2\. Preflight/,
      /3\. Sign in/,
      /4\. Confirm identity/,
      /5\. Review plan/,
      /6\. Grant consent/,
      /7\. Verify/,
      /8\. Report/,
    ]);
    await expect(steps.first()).toHaveAttribute('aria-current', 'step');
    await expect(app.getByText('Practice mode')).toBeVisible();
  });

  test('a domain typed by the technician is checked by the main process over the bridge', async ({
    app,
    bridgeCalls,
  }) => {
    await app.getByLabel('Client domain or tenant ID').fill('Contoso.com');
    await app.getByRole('button', { name: 'Check client' }).click();
    await expect(app.getByText('Client recognised')).toBeVisible();
    await expect(app.getByText('Domain contoso.com.')).toBeVisible();
    await expect(app.locator('[data-step="client"]')).toHaveAttribute('data-state', 'done');
    expect(bridgeCalls).toContain('client.check');
    await expectNoSeriousAxeViolations(app);
    await saveScreenshot(app, '01-client-recognised');
  });

  test('a consumer domain is refused with the reason, using only the keyboard', async ({ app }) => {
    await app.getByLabel('Client domain or tenant ID').focus();
    await app.keyboard.type('outlook.com');
    await app.keyboard.press('Enter');
    await expect(app.getByText(/personal email provider/)).toBeVisible();
    await expect(app.getByLabel('Client domain or tenant ID')).toHaveAttribute('aria-invalid', 'true');
    await expect(app.locator('[data-step="client"]')).toHaveAttribute('data-state', 'needs-attention');
    await expectNoSeriousAxeViolations(app);
    await saveScreenshot(app, '01-client-refused');
  });

  test('the dark theme follows the operating system and stays accessible', async ({ app }) => {
    await app.emulateMedia({ colorScheme: 'dark' });
    await app.getByLabel('Client domain or tenant ID').fill('72f988bf-86f1-41af-91ab-2d7cd011db47');
    await app.getByRole('button', { name: 'Check client' }).click();
    await expect(app.getByText('Tenant ID 72f988bf-86f1-41af-91ab-2d7cd011db47.')).toBeVisible();
    const background = await app.locator('main').evaluate((el) => getComputedStyle(el).backgroundColor);
    expect(background).not.toBe('rgb(255, 255, 255)');
    await expectNoSeriousAxeViolations(app);
    await saveScreenshot(app, '01-client-dark');
  });

  test('without the secret in the address the page says how to open it, and no bridge opens', async ({
    page,
    preview,
  }) => {
    await page.goto(preview.origin);
    await expect(page.getByText('Cannot reach the app')).toBeVisible();
    await expect(page.getByText(/full address that `npm run preview` printed/)).toBeVisible();
  });
});
