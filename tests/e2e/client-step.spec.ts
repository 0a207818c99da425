import { expectAccessible } from './support/accessibility';
import { expect, test } from './support/fixtures';
import { expectStep, fillClient, pressButton, recordStep } from './support/technician';

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
    await expect(steps.first().locator('[aria-current="step"]')).toHaveText(/1\. Client/);
    // No run yet: no later step can be opened.
    await expect(app.getByRole('navigation', { name: 'Onboarding steps' }).getByRole('button')).toHaveCount(
      0,
    );
    await expect(app.getByText('Practice mode', { exact: true })).toBeVisible();
  });

  test('a consumer domain is refused with the reason, using only the keyboard, and no run starts', async ({
    app,
    core,
    bridgeCalls,
  }) => {
    await fillClient(app, { client: 'outlook.com' });
    await pressButton(app, 'Start onboarding');
    await expect(app.getByText(/personal email provider/)).toBeVisible();
    await expect(app.getByRole('textbox', { name: /Client domain or tenant ID/ })).toHaveAttribute(
      'aria-invalid',
      'true',
    );
    await expect(app.locator('[data-step="client"]')).toHaveAttribute('data-state', 'needs-attention');
    expect(bridgeCalls).toContain('client.check');
    expect(bridgeCalls).not.toContain('onboarding.start');
    expect(await core.runs.list()).toEqual([]);
    await recordStep(app, 'step-1-client-refused');
  });

  test('the technician’s name is remembered for the next run', async ({ app, core }) => {
    await fillClient(app, { client: 'Contoso.com', technician: 'Megan Bowen' });
    await pressButton(app, 'Start onboarding');
    await expectStep(app, 2, 'Preflight');
    expect((await core.runs.list())[0]?.client).toBe('Contoso.com');
    await app.reload();
    await expect(app.getByRole('textbox', { name: /Your name/ })).toHaveValue('Megan Bowen');
  });

  test('the dark theme follows the operating system and stays accessible', async ({ app }) => {
    await app.emulateMedia({ colorScheme: 'dark' });
    await app.getByRole('textbox', { name: /Client domain or tenant ID/ }).fill('contoso.com');
    const background = await app.locator('main').evaluate((el) => getComputedStyle(el).backgroundColor);
    expect(background).not.toBe('rgb(255, 255, 255)');
    await expectAccessible(app);
  });

  test('without the secret in the address the page says how to open it, and no bridge opens', async ({
    page,
    preview,
    bridgeCalls,
  }) => {
    const sockets: string[] = [];
    page.on('websocket', (socket) => sockets.push(socket.url()));
    await page.goto(preview.origin);
    await expect(page.getByText('Cannot reach the app')).toBeVisible();
    await expect(page.getByText(/full address that `npm run preview` printed/)).toBeVisible();
    // The page tried no connection, and the main process answered no request.
    expect(sockets).toEqual([]);
    expect(bridgeCalls).toEqual([]);
  });
});
