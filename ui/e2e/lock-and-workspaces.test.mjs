// End-to-end: the real `hearth serve` binary + the embedded UI in a real Chromium.
//
//   npm run test:e2e                         (binary from ../target/debug/hearth)
//   HEARTH_BIN=/path/to/hearth npm run test:e2e
//   HEARTH_CHROMIUM=/path/to/chromium ...    (default /usr/bin/chromium)
//
// Never downloads a browser: playwright-core drives the system Chromium. Screenshots go to
// e2e/artifacts/ (gitignored).
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import {
  createWorkspace,
  CSP,
  expectGone,
  expectVisible,
  launchBrowser,
  shot,
  sleep,
  startServer,
  TIMEOUT,
  watchPage,
  workspaceItem,
} from './helpers.mjs';

const PASSWORD = 'quiet-ember-lantern-harbor';
const NEW_PASSWORD = 'copper-kettle-winter-moss';

let server; // { baseUrl, output(), stop() }
let browser;
let baseUrl;

before(async () => {
  server = await startServer();
  baseUrl = server.baseUrl;
  browser = await launchBrowser();
});

after(async () => {
  try {
    if (browser) await browser.close();
  } finally {
    if (server) await server.stop();
  }
});

async function waitUnlockEnabled(page, timeout = TIMEOUT) {
  await page.waitForFunction(
    () => {
      const b = document.querySelector('[data-testid="unlock-submit"]');
      return b && !b.disabled;
    },
    null,
    { timeout },
  );
}

async function unlockWith(page, password) {
  const input = page.getByLabel('Password', { exact: true });
  await input.fill(password);
  await input.press('Enter'); // forms submit on Enter
}

test('lock screen, password lock and workspaces against the real server', async () => {
  const problems = [];
  const context = await browser.newContext({ viewport: { width: 1100, height: 800 }, colorScheme: 'light' });
  const page = await context.newPage();
  page.setDefaultTimeout(TIMEOUT);
  watchPage(page, problems);

  try {
    // 1. Single-user mode, no password: the workspace list shows directly.
    const res = await page.goto(`${baseUrl}/`);
    assert.ok(res, 'no response for /');
    assert.equal(res.status(), 200, 'GET / status');
    const csp = res.headers()['content-security-policy'] || '';
    for (const directive of CSP.split('; ')) {
      assert.ok(csp.split(/;\s*/).includes(directive), `CSP on / should contain "${directive}", got "${csp}"`);
    }
    await expectVisible(page.getByRole('heading', { level: 1, name: 'Workspaces' }), 'the Workspaces heading');
    await expectVisible(page.getByTestId('workspaces-empty'), 'the empty state on a fresh data dir');
    assert.equal(await page.getByTestId('lock-now').count(), 0, '"Lock now" must not show without a password');
    await shot(page, '01-workspaces-empty-light');

    // SPA deep link: an unknown non-/api path serves the app.
    const deep = await page.goto(`${baseUrl}/settings/security`);
    assert.equal(deep?.status(), 200, 'deep link /settings/security should serve index.html');
    await expectVisible(page.getByTestId('security-settings'), 'the Security settings');

    // 2. Settings → Security: a weak password is refused with a message, then a good one is set.
    const setForm = page.getByTestId('set-password-form');
    await setForm.getByLabel('New password', { exact: true }).fill('short');
    await setForm.getByLabel('Confirm new password').fill('short');
    await setForm.getByRole('button', { name: 'Set password' }).click();
    await expectVisible(page.getByTestId('set-password-error'), 'an error for a too-short password');
    const weakText = await page.getByTestId('set-password-error').innerText();
    assert.ok(weakText.trim().length > 10, `weak password error should explain itself, got "${weakText}"`);

    await setForm.getByLabel('New password', { exact: true }).fill(PASSWORD);
    await setForm.getByLabel('Confirm new password').fill(PASSWORD);
    await setForm.getByRole('button', { name: 'Set password' }).click();
    await expectVisible(page.getByTestId('lock-set-success'), 'the "password set" confirmation');
    const setText = await page.getByTestId('lock-set-success').innerText();
    assert.match(setText, /when it starts/i);
    assert.match(setText, /idle/i);
    await expectVisible(page.getByRole('button', { name: 'Lock now' }), 'the Lock now button');
    await expectVisible(page.getByTestId('change-password-form'), 'the change password form');
    await shot(page, '02-settings-password-set-light');

    // The idle-lock time is set here, in single-user mode; its "Saved." goes by itself.
    const idle = page.getByTestId('idle-lock-form');
    await expectVisible(idle, 'the idle-lock form');
    await idle.getByLabel('Lock after this many idle minutes').fill('45');
    await idle.getByRole('button', { name: 'Save idle time' }).click();
    await expectVisible(page.getByTestId('idle-lock-saved'), 'the idle time saved');
    const settings = await page.evaluate(() => fetch('/api/v1/settings').then((r) => r.json()));
    assert.equal(settings.idleTimeoutMinutes, 45, 'the engine keeps the idle time');
    await expectGone(page.getByTestId('idle-lock-saved'), 'the "Saved." notice after a few seconds', 15_000);
    // Settings → System has every setting too, the idle time worded for single-user mode.
    await page.getByTestId('settings-nav-system').click();
    await expectVisible(page.getByLabel('Lock after this many idle minutes'), 'the idle time in Settings → System');
    assert.equal(await page.getByLabel('Lock after this many idle minutes').inputValue(), '45');
    await expectVisible(page.getByTestId('sign-in-settings'), 'the sign-in style (used once shared)');
    await expectVisible(page.getByTestId('queue-settings'), 'the queue settings');
    await expectVisible(page.getByTestId('upload-settings'), 'the upload settings');

    // Back to the list, then lock.
    await page.getByTestId('nav-workspaces').click();
    await expectVisible(page.getByTestId('workspaces-empty'), 'the workspace list');
    await page.getByRole('button', { name: 'Lock now' }).click();

    // 3. Locked: only the lock screen; no data on screen and the API refuses.
    await expectVisible(page.getByTestId('lock-screen'), 'the lock screen');
    assert.equal(await page.getByTestId('workspace-list').count(), 0, 'workspace list visible while locked');
    assert.equal(await page.getByTestId('workspaces-empty').count(), 0, 'workspace screen visible while locked');
    assert.equal(await page.getByRole('navigation').count(), 0, 'navigation visible while locked');
    const lockedApi = await page.evaluate(async () => {
      const r = await fetch('/api/v1/workspaces', { credentials: 'same-origin' });
      return { status: r.status, body: await r.json().catch(() => null) };
    });
    assert.equal(lockedApi.status, 401, 'GET /api/v1/workspaces while locked');
    assert.equal(lockedApi.body?.error?.code, 'locked', 'error code while locked');
    await shot(page, '03-lock-screen-light');

    // 4. Wrong password: an error that says what to do.
    await unlockWith(page, 'not-the-password');
    await expectVisible(page.getByTestId('unlock-error'), 'an error after a wrong password');
    const wrongText = await page.getByTestId('unlock-error').innerText();
    assert.ok(wrongText.trim().length > 10, `wrong password error should explain itself, got "${wrongText}"`);
    assert.equal(await page.getByTestId('workspace-list').count(), 0);
    await shot(page, '04-lock-screen-wrong-password-light');

    // Throttling: more wrong passwords until the engine answers 429 (and on, until the wait is
    // a few seconds long: it doubles); the UI shows one live countdown and holds the Unlock
    // button until Retry-After has passed, across a reload too.
    let throttled = null;
    for (let i = 0; i < 24 && !(throttled && Number(throttled.retryAfter) >= 4); i++) {
      await waitUnlockEnabled(page, 20_000);
      const answer = page.waitForResponse((r) => r.url().endsWith('/api/v1/auth/unlock'));
      await unlockWith(page, `wrong-password-${i}`);
      const r = await answer;
      if (r.status() === 429) throttled = { retryAfter: r.headers()['retry-after'], body: await r.json() };
      else assert.equal(r.status(), 401, 'wrong password status');
    }
    assert.ok(throttled, 'unlock should be throttled (429) after repeated wrong passwords');
    assert.ok(Number(throttled.retryAfter) >= 4, `429 should carry a Retry-After of a few seconds: ${throttled.retryAfter}`);
    // One live countdown, never beside the server's fixed "Wait N seconds" words.
    const wait = page.getByTestId('unlock-wait');
    await expectVisible(wait, 'the throttle countdown');
    const waitText = async () => (await page.getByTestId('unlock-wait-text').innerText()).trim();
    const first = await waitText();
    assert.match(first, /^Too many attempts\. You can try again in \d+ s\.$/, `the countdown: "${first}"`);
    assert.ok(Number(/(\d+) s/.exec(first)[1]) <= Number(throttled.retryAfter), 'the countdown starts at Retry-After');
    assert.equal(await page.getByTestId('unlock-error').count(), 0, 'no second, fixed message beside the countdown');
    assert.doesNotMatch(await page.getByTestId('lock-screen').innerText(), /seconds and try again/, 'the server’s fixed words are not shown');
    await shot(page, '04b-lock-screen-throttled-light');
    // A reload keeps the countdown (sessionStorage), the button held, and it goes on counting.
    await page.reload();
    await expectVisible(page.getByTestId('unlock-wait'), 'the countdown after a reload');
    const afterReload = await waitText();
    assert.match(afterReload, /try again in \d+ s/);
    assert.equal(await page.getByTestId('unlock-submit').isDisabled(), true, 'Unlock is held after a reload');
    await page.waitForFunction(
      (before) => document.querySelector('[data-testid="unlock-wait-text"]')?.textContent.trim() !== before,
      afterReload,
    );
    await waitUnlockEnabled(page, (Number(throttled.retryAfter) + 5) * 1000);
    await expectGone(page.getByTestId('unlock-wait'), 'the countdown once it is over');
    // Let Retry-After fully pass on the server's clock too.
    await sleep(1000);

    // 5. The right password unlocks (Enter submits).
    await unlockWith(page, PASSWORD);
    await expectGone(page.getByTestId('lock-screen'), 'the lock screen');
    await expectVisible(page.getByRole('heading', { level: 1, name: 'Workspaces' }), 'the Workspaces heading after unlock');

    // 6. Create workspaces.
    await createWorkspace(page, 'Research notes', 'You help me keep careful research notes. Cite sources.');
    await createWorkspace(page, 'Scratch pad');
    await expectVisible(page.getByTestId('workspace-list'), 'the workspace list');
    assert.equal(await page.getByTestId('workspace-item').count(), 2);

    await shot(page, '05-workspaces-light');

    // 7. Reload: the session persists, the workspace is still there.
    await page.reload();
    await expectVisible(workspaceItem(page, 'Research notes'), '"Research notes" after a reload');
    assert.equal(await page.getByTestId('lock-screen').count(), 0, 'reload must not lock');

    // 8. Rename "Research notes": Escape cancels the form (the focus back on Rename), then a
    // real rename.
    const research = workspaceItem(page, 'Research notes');
    await research.getByRole('button', { name: /^Rename/ }).click();
    await expectVisible(research.getByTestId('rename-input'), 'the rename form');
    await page.waitForFunction(() => document.activeElement?.dataset.testid === 'rename-input');
    await page.keyboard.type('Something else');
    await page.keyboard.press('Escape');
    await expectGone(research.getByTestId('rename-form'), 'the rename form after Escape');
    await page.waitForFunction(() => document.activeElement?.dataset.testid === 'rename-workspace');
    assert.equal(await workspaceItem(page, 'Research notes').count(), 1, 'Escape renamed nothing');
    await research.getByRole('button', { name: /^Rename/ }).click();
    const renameInput = research.getByTestId('rename-input');
    await renameInput.fill('Research journal');
    await renameInput.press('Enter');
    await expectVisible(workspaceItem(page, 'Research journal'), 'the renamed workspace');
    await expectGone(workspaceItem(page, 'Research notes'), 'the old name');

    // 9. Delete "Scratch pad" with a confirm step.
    const scratch = workspaceItem(page, 'Scratch pad');
    await scratch.getByRole('button', { name: /^Delete/ }).click();
    await expectVisible(scratch.getByTestId('confirm-delete'), 'the delete confirmation');
    await shot(page, '06-delete-confirm-light');
    await scratch.getByTestId('confirm-delete-button').click();
    await expectGone(workspaceItem(page, 'Scratch pad'), 'the deleted workspace');
    assert.equal(await page.getByTestId('workspace-item').count(), 1);
    await page.reload();
    await expectVisible(workspaceItem(page, 'Research journal'), 'the renamed workspace after reload');
    assert.equal(await page.getByTestId('workspace-item').count(), 1, 'deleted workspace came back after reload');

    // 10. Dark mode and a phone-width view.
    await page.emulateMedia({ colorScheme: 'dark' });
    await shot(page, '07-workspaces-dark');
    await page.setViewportSize({ width: 360, height: 740 });
    await shot(page, '08-workspaces-phone-dark');
    await page.getByTestId('nav-settings').click();
    await expectVisible(page.getByTestId('change-password-form'), 'the change password form');
    await shot(page, '09-settings-phone-dark');
    await page.getByRole('button', { name: 'Lock now' }).click();
    await expectVisible(page.getByTestId('lock-screen'), 'the lock screen (dark)');
    await shot(page, '10-lock-screen-phone-dark');
    await page.setViewportSize({ width: 1100, height: 800 });
    await shot(page, '11-lock-screen-dark');
    await unlockWith(page, PASSWORD);
    await expectVisible(page.getByTestId('change-password-form'), 'settings after unlocking at the same address');
    await page.emulateMedia({ colorScheme: 'light' });

    // 11. Change the password (wrong current first), then remove it.
    const change = page.getByTestId('change-password-form');
    await change.getByLabel('Current password', { exact: true }).fill('wrong-current-password');
    await change.getByLabel('New password', { exact: true }).fill(NEW_PASSWORD);
    await change.getByLabel('Confirm new password').fill(NEW_PASSWORD);
    await change.getByRole('button', { name: 'Change password' }).click();
    await expectVisible(page.getByTestId('change-password-error'), 'an error for a wrong current password');
    await change.getByLabel('Current password', { exact: true }).fill(PASSWORD);
    await change.getByRole('button', { name: 'Change password' }).click();
    await expectVisible(page.getByTestId('lock-changed-success'), 'the "password changed" confirmation');
    await shot(page, '12-settings-changed-light');

    const remove = page.getByTestId('remove-password-form');
    await remove.getByLabel('Current password (to remove it)').fill(NEW_PASSWORD);
    await remove.getByRole('button', { name: 'Remove password' }).click();
    await expectVisible(page.getByTestId('lock-removed-success'), 'the "password removed" confirmation');
    await expectGone(page.getByRole('button', { name: 'Lock now' }), 'the Lock now button');
    await expectVisible(page.getByTestId('set-password-form'), 'the set password form again');
    await page.reload();
    await expectVisible(page.getByTestId('set-password-form'), 'no lock after reload');

    assert.deepEqual(problems, [], 'no CSP violations, script errors or unsafe requests without CSRF header');
  } catch (err) {
    await shot(page, 'failure').catch(() => {});
    if (problems.length) err.message += `\nPage problems:\n${problems.join('\n')}`;
    err.message += `\nServer output (tail):\n${server.output().slice(-3000)}`;
    throw err;
  } finally {
    await context.close();
  }
});
